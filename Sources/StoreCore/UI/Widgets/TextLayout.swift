/// Text helpers measured in terminal columns, so CJK and accented names line up.
public enum TextLayout {
    /// Word-wraps `text` to lines of at most `width` columns; words longer than
    /// a line are broken. Existing line breaks are kept.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                let needed = line.isEmpty ? DisplayWidth.of(word) : DisplayWidth.of(line) + 1 + DisplayWidth.of(word)
                if needed <= width {
                    line += (line.isEmpty ? "" : " ") + word
                    continue
                }
                if !line.isEmpty { lines.append(line); line = "" }
                while DisplayWidth.of(word) > width {
                    let (head, rest) = split(word, at: width)
                    lines.append(head)
                    word = rest
                }
                line = word
            }
            lines.append(line)
        }
        return lines
    }

    /// The longest prefix fitting in `columns` and the rest.
    static func split(_ text: String, at columns: Int) -> (String, String) {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let width = DisplayWidth.of(text[index])
            if used + width > columns { break }
            used += width
            index = text.index(after: index)
        }
        if index == text.startIndex, index < text.endIndex { index = text.index(after: index) }
        return (String(text[..<index]), String(text[index...]))
    }

    /// `text` right-aligned in `columns` (truncated when longer).
    public static func right(_ text: String, _ columns: Int) -> String {
        let cut = DisplayWidth.truncate(text, to: columns)
        return String(repeating: " ", count: max(0, columns - DisplayWidth.of(cut))) + cut
    }

    /// `text` centred in `columns`.
    public static func center(_ text: String, _ columns: Int) -> String {
        let cut = DisplayWidth.truncate(text, to: columns)
        let left = max(0, (columns - DisplayWidth.of(cut)) / 2)
        return String(repeating: " ", count: left) + cut
    }
}
