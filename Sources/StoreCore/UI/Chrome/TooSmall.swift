/// Below the minimum size: say so, with the current and needed size.
enum TooSmall {
    static func draw(_ grid: inout Grid, needed: Size) {
        let size = grid.size
        let lines = ["Terminal too small", "\(size.columns)x\(size.rows) — needs \(needed.columns)x\(needed.rows)",
                     "Enlarge the window", "q quits"]
        let top = max(0, (size.rows - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            grid.write(TextLayout.center(line, size.columns), column: 0, row: top + index,
                       role: index == 0 ? .warning : .normal)
        }
    }
}
