import Foundation
import StoreCore
import StoreTerminal

/// Plays a script against the app loop in-process. Input goes into the
/// virtual screen's queue; the runner steps the loop itself, so `wait` keeps
/// handling messages until its text shows, and `expect` looks once the input
/// sent so far has been handled and the answers it asked for have come back.
public final class ScriptRunner {
    public struct Options {
        public var snapshots: SnapshotStore?
        /// Delay between keys (0 headless; `--pace` on a real terminal).
        public var pace: TimeInterval = 0
        public var defaultTimeout: TimeInterval = 5
        /// `sleep` lines do nothing (tests of scripts written for people to watch).
        public var skipsSleep = false
        /// On a real terminal the window's size rules: `size` and `resize` lines are skipped.
        public var followsTerminalSize = false
        /// Where progress lines go (snapshot created/updated), if anywhere.
        public var log: ((String) -> Void)?
        /// Told of each command once it has run, with its failure if it failed (a load run times steps by it).
        public var observer: ((ScriptStep, ScriptFailure?) -> Void)?
        /// The theme `expect-style ATTRIBUTE` judges by: the attributes it gives each role.
        public var theme: Theme = .standard
        public init(snapshots: SnapshotStore? = nil) { self.snapshots = snapshots }
    }

    private let screen: VirtualScreen
    private let makeRuntime: () -> AppRuntime
    private var options: Options
    private var runtime: AppRuntime?
    private var masks: [NSRegularExpression] = []
    /// What the script typed on a screen with card fields: kept out of failure
    /// messages too, should an expectation quote it.
    private var cardInput: [String] = []

    /// `makeRuntime` builds the app on a backend whose input and last grid are `screen`'s.
    public init(screen: VirtualScreen, options: Options, makeRuntime: @escaping () -> AppRuntime) {
        self.screen = screen
        self.options = options
        self.makeRuntime = makeRuntime
    }

    /// The app, once a command has started it.
    public var app: AppRuntime? { runtime }

    public func run(_ script: Script) -> ScriptOutcome {
        for step in script.steps {
            let failure = perform(step)
            options.observer?(step, failure)
            if let failure { return .failed(failure) }
        }
        return .passed
    }

    private func perform(_ step: ScriptStep) -> ScriptFailure? {
        switch step.command {
        case .size where options.followsTerminalSize, .resize where options.followsTerminalSize:
            return nil
        case .size(let size):
            if runtime == nil { screen.setSize(size) } else { send([.resize(size)]) }
        case .resize(let size):
            send([.resize(size)])
        case .press(let keys):
            send(keys.map { .key($0) })
        case .type(let text):
            if screen.grid.hasSecretCells { cardInput.append(text) }
            send(text.map { .key(Self.key(for: $0)) })
        case .wait(let pattern, let timeout):
            return wait(for: pattern, timeout: timeout ?? options.defaultTimeout, step: step)
        case .waitGone(let pattern, let timeout):
            return wait(for: pattern, toBeGone: true, timeout: timeout ?? options.defaultTimeout, step: step)
        case .expect(let pattern):
            settle()
            switch ScreenSearch.find(pattern, in: screen.grid) {
            case .found: break
            case .notFound: return failure(step, "\(pattern) is not on screen")
            case .noBox(let title): return failure(step, Self.noBox(title))
            }
        case .expectNot(let pattern):
            settle()
            switch ScreenSearch.find(pattern, in: screen.grid) {
            case .notFound: break
            case .found: return failure(step, "\(pattern) is on screen but should not be")
            case .noBox(let title): return failure(step, Self.noBox(title))
            }
        case .expectStyle(let pattern, let style):
            settle()
            return checkStyle(pattern, style, step: step)
        case .snapshot(let name, let withStyle):
            settle()
            return snapshot(name, withStyle: withStyle, step: step)
        case .sleep(let duration):
            started().step(waitMilliseconds: 0)
            if !options.skipsSleep { runFor(duration) }
        case .mask(let regex):
            masks.append(regex)
        case .setTimeout(let timeout):
            options.defaultTimeout = timeout
        case .setPace(let pace):
            options.pace = pace
        case .step:
            break
        }
        return nil
    }

    private func started() -> AppRuntime {
        if let runtime { return runtime }
        let created = makeRuntime()
        runtime = created
        created.redrawIfNeeded()
        return created
    }

    private func send(_ events: [InputEvent]) {
        let app = started()
        for event in events {
            screen.feed(event)
            if options.pace > 0 {
                settleInput(app)
                runFor(options.pace)
            }
        }
        settleInput(app)
    }

    /// Steps the loop until the queued input has been read and handled.
    private func settleInput(_ app: AppRuntime) {
        while screen.pendingCount > 0 && !app.hasQuit { app.step(waitMilliseconds: 0) }
        app.step(waitMilliseconds: 0)
    }

    /// Input handled and the network quiet (bounded by the default timeout).
    private func settle() {
        let app = started()
        let deadline = Date().addingTimeInterval(options.defaultTimeout)
        settleInput(app)
        while !app.hasQuit && !app.isNetworkIdle && Date() < deadline {
            app.step(waitMilliseconds: Self.wakeUpMilliseconds)
        }
        app.step(waitMilliseconds: 0)
    }

    /// The longest a wait sleeps between looks: input and answers wake it sooner,
    /// so this only bounds how late a timeout or the clock's tick is noticed.
    static let wakeUpMilliseconds = 50

    private func runFor(_ duration: TimeInterval) {
        let app = started()
        let end = Date().addingTimeInterval(duration)
        while Date() < end && !app.hasQuit {
            let left = Int(end.timeIntervalSinceNow * 1000)
            app.step(waitMilliseconds: max(0, min(20, left)))
        }
    }

    private func wait(for pattern: TextPattern, toBeGone: Bool = false, timeout: TimeInterval,
                      step: ScriptStep) -> ScriptFailure? {
        let app = started()
        let began = Date()
        let deadline = began.addingTimeInterval(timeout)
        var last = ScreenSearch.Outcome.notFound
        var checkedFrame: Int?
        while true {
            app.step(waitMilliseconds: 0)
            // Only a new frame can change the answer; reading the screen costs more than a turn of the loop.
            let frame = screen.renders
            if frame != checkedFrame {
                checkedFrame = frame
                last = ScreenSearch.find(pattern, in: screen.grid)
                switch last {
                case .found where !toBeGone, .notFound where toBeGone: return nil
                default: break
                }
            }
            if app.hasQuit { break }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { break }
            app.step(waitMilliseconds: max(1, min(Self.wakeUpMilliseconds, Int(left * 1000))))
        }
        let waited = Date().timeIntervalSince(began)
        if case .noBox(let title) = last { return failure(step, Self.noBox(title), waited: waited) }
        if app.hasQuit {
            let state = toBeGone ? "is still on screen" : "is not on screen"
            return failure(step, "\(pattern) \(state) and the app has quit", waited: waited)
        }
        let outcome = toBeGone ? "did not go from the screen" : "did not appear on screen"
        return failure(step, "\(pattern) \(outcome)", waited: waited)
    }

    private static func noBox(_ title: String) -> String {
        "no box titled \"\(title)\" is on screen"
    }

    /// Every cell of the pattern's first match is drawn in the role, or with the attribute.
    private func checkStyle(_ pattern: TextPattern, _ style: DrawnStyle, step: ScriptStep) -> ScriptFailure? {
        let grid = screen.grid
        let cells: [ScreenSearch.Cell]
        switch ScreenSearch.find(pattern, in: grid) {
        case .found(let found): cells = found
        case .notFound: return failure(step, "\(pattern) is not on screen")
        case .noBox(let title): return failure(step, Self.noBox(title))
        }
        let roles = cells.map { grid[$0.column, $0.row].role }
        let holds: Bool
        switch style {
        case .role(let role): holds = roles.allSatisfy { $0 == role }
        case .attribute(_, let attribute): holds = roles.allSatisfy { options.theme[$0].attributes.contains(attribute) }
        }
        if holds { return nil }
        var seen: [Role] = []
        for role in roles where !seen.contains(role) { seen.append(role) }
        let found = seen.map { "\(RoleCodes.themeName(of: $0)) (\(options.theme[$0]))" }.joined(separator: " and ")
        return failure(step, "\(pattern) is drawn as \(found), not \(style)")
    }

    private func snapshot(_ name: String, withStyle: Bool, step: ScriptStep) -> ScriptFailure? {
        guard let store = options.snapshots else { return nil }
        let grid = screen.grid
        let plain = SnapshotStore.prepare(grid.redactedText, masks: masks)
        let roles = StyledScreen.roleRows(of: grid)
        let text = withStyle ? SnapshotStore.styled(plain, roles: roles) : plain
        do {
            var lines = plain.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            try store.drawPicture(StyledScreen(columns: grid.size.columns, rows: grid.size.rows, text: lines, roles: roles),
                                  name: name)
            switch try store.record(text, name: name) {
            case .matched:
                return nil
            case .created(let path):
                options.log?("snapshot \(name): created \(path)")
            case .updated(let path):
                options.log?("snapshot \(name): updated \(path)")
            case .mismatched(let path, let diff, let expected):
                var failed = failure(step, "the screen differs from the golden snapshot \(path) (rewrite it with --update-snapshots):\n\(diff)")
                failed.snapshot = SnapshotMismatch(path: path, expected: expected, actual: text)
                return failed
            }
        } catch {
            return failure(step, "cannot write snapshot \(name): \(error.localizedDescription)")
        }
        return nil
    }

    private func failure(_ step: ScriptStep, _ message: String, waited: TimeInterval? = nil) -> ScriptFailure {
        // Failures end up in logs and report files, so the card guard applies to them too.
        let redact = { CardNumberGuard.redact(CardNumberGuard.redact($0, typed: self.cardInput)) }
        let grid = screen.grid
        return ScriptFailure(location: step.location, line: redact(step.text), message: redact(message), waited: waited,
                             screen: CardNumberGuard.screenText(grid), size: grid.size, roles: StyledScreen.roleRows(of: grid))
    }

    static func key(for character: Character) -> Key {
        switch character {
        case "\n", "\r": return .enter
        case "\t": return .tab
        case "\u{1B}": return .escape
        default: return .character(character)
        }
    }
}
