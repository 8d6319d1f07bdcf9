import Foundation

/// Every count, size and duration a keystroke script may ask for, in one place.
/// A script past any of them is refused with its file and line (exit status 2)
/// before anything runs, so no script can make the runner allocate, wait or
/// recurse without limit. The bounds are far above what a real script needs.
public enum ScriptLimits {
    /// Bytes of one script file, read no further than this.
    public static let fileBytes = 1_000_000
    /// Lines of the script and everything it includes, together.
    public static let lines = 20_000
    /// `include` lines in the whole script.
    public static let includes = 200
    /// Files included inside each other (`a` includes `b` includes `c`: depth 2).
    public static let includeDepth = 16
    /// How often one key repeats: `press Down 3`, `press Down*3`.
    public static let keyRepeat = 500
    /// Keys one `press` line sends, repeats included.
    public static let keysPerLine = 2_000
    /// Characters of a quoted string, `${NAME}` values included (what `type` sends, what `wait` looks for).
    public static let stringLength = 10_000
    /// Characters of a /regular expression/.
    public static let regexLength = 2_000
    /// Screen size of `size` and `resize`.
    public static let columns = 1...1000
    public static let rows = 1...500
    /// `sleep`, `wait … TIMEOUT`, `set timeout` and `set pace`.
    public static let longestDuration: TimeInterval = 600
    /// Variables set by `env`, and the length of each value.
    public static let variables = 200
    public static let variableLength = 10_000
    /// `mask` lines in the whole script.
    public static let masks = 100
    /// Characters of a snapshot name (a file name: letters, digits, '-', '_' and '.').
    public static let snapshotNameLength = 100
    /// Characters of a `step` name.
    public static let stepNameLength = 100
}
