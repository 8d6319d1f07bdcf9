import Foundation

/// How a script's commands fall into the steps of a load report. Each `wait`,
/// `wait-gone`, `expect`, `expect-not` and `expect-style` ends a step that holds it and the
/// commands since the step before (the keys whose effect it waits for); a
/// `step "name"` line opens a named step that holds every command up to the
/// next `step` line (a bare `step` closes it). Commands that end no step
/// before a `step` line belong to the step after them; commands after the
/// last step make a step of their own, named after the script.
struct StepPlan {
    /// The step each command belongs to, by the command's index.
    let stepOf: [LoadRecorder.StepKey]
    /// True at the last command of a step: its time is taken there.
    let endsStep: [Bool]

    init(_ script: Script, scriptIndex: Int) {
        let file = (script.file as NSString).lastPathComponent
        let commands = script.steps
        var owner = [LoadRecorder.StepKey?](repeating: nil, count: commands.count)
        var ends = [Bool](repeating: false, count: commands.count)
        var index = 0
        var openSince = 0
        while index < commands.count {
            if case .step(let name) = commands[index].command {
                var end = index + 1
                while end < commands.count {
                    if case .step = commands[end].command { break }
                    end += 1
                }
                if let name {
                    Self.close(&owner, &ends, index..<end, as: LoadRecorder.StepKey(script: scriptIndex, position: index, name: name))
                    index = end
                    openSince = end
                } else {
                    index += 1
                }
                continue
            }
            if Self.isCheck(commands[index].command) {
                let location = commands[index].location
                let name = "\((location.file as NSString).lastPathComponent):\(location.line) \(commands[index].text)"
                Self.close(&owner, &ends, openSince..<(index + 1),
                           as: LoadRecorder.StepKey(script: scriptIndex, position: index, name: name))
                openSince = index + 1
            }
            index += 1
        }
        if openSince < commands.count {
            Self.close(&owner, &ends, openSince..<commands.count, as: Self.rest(file, scriptIndex, openSince))
        }
        // Commands that ended no step before a `step` line (and the bare `step` itself) belong to the step after them.
        var next: LoadRecorder.StepKey?
        for position in stride(from: commands.count - 1, through: 0, by: -1) {
            if let key = owner[position] { next = key } else { owner[position] = next ?? Self.rest(file, scriptIndex, position) }
        }
        stepOf = owner.map { $0! }
        endsStep = ends
    }

    /// What calls an app makes after its script has ended are counted under.
    static func afterEnd(of script: Script) -> String {
        "\((script.file as NSString).lastPathComponent) (calls after the script ended)"
    }

    private static func rest(_ file: String, _ script: Int, _ position: Int) -> LoadRecorder.StepKey {
        LoadRecorder.StepKey(script: script, position: position, name: "\(file) (after its last step)")
    }

    private static func close(_ owner: inout [LoadRecorder.StepKey?], _ ends: inout [Bool], _ range: Range<Int>,
                              as key: LoadRecorder.StepKey) {
        guard !range.isEmpty else { return }
        for position in range { owner[position] = key }
        ends[range.upperBound - 1] = true
    }

    private static func isCheck(_ command: ScriptCommand) -> Bool {
        switch command {
        case .wait, .waitGone, .expect, .expectNot, .expectStyle: return true
        default: return false
        }
    }
}
