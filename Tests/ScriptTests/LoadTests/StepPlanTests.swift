import Foundation
import Testing
@testable import StorefrontApp

/// How a script's lines become the steps of a load report, and the two script
/// features load runs use: `step "name"` and `${NAME:-fallback}`.
@Suite struct StepPlanTests {
    func plan(_ text: String) throws -> (StepPlan, Script) {
        let script = try ScriptParser.parse(text, file: "s.keys", environment: [:])
        return (StepPlan(script, scriptIndex: 0), script)
    }

    @Test func eachCheckEndsAStepOfTheKeysBeforeIt() throws {
        let (plan, _) = try plan("""
            size 80x24
            wait "Featured"
            press s
            expect "Books"
            press q
            """)
        #expect(plan.stepOf.map(\.name) == ["s.keys:2 wait \"Featured\"", "s.keys:2 wait \"Featured\"",
                                            "s.keys:4 expect \"Books\"", "s.keys:4 expect \"Books\"",
                                            "s.keys (after its last step)"])
        #expect(plan.endsStep == [false, true, false, true, true])
    }

    @Test func aNamedStepHoldsEverythingUpToTheNextStepLine() throws {
        let (plan, script) = try plan("""
            size 80x24
            step "home"
            wait "Featured"
            press s
            wait "Books"
            step
            expect "Books"
            """)
        #expect(script.steps.count == 7)
        #expect(plan.stepOf.map(\.name) == ["home", "home", "home", "home", "home",
                                            "s.keys:7 expect \"Books\"", "s.keys:7 expect \"Books\""])
        #expect(plan.endsStep == [false, false, false, false, true, false, true])
    }

    @Test func stepNeedsASensibleName() {
        #expect(throws: ScriptError.self) { try ScriptParser.parse("step \"\"", environment: [:]) }
        #expect(throws: ScriptError.self) { try ScriptParser.parse("step \"a\" b", environment: [:]) }
        #expect(throws: ScriptError.self) {
            try ScriptParser.parse("step \"\(String(repeating: "x", count: ScriptLimits.stepNameLength + 1))\"", environment: [:])
        }
    }

    @Test func aVariableMayHaveAFallback() throws {
        let alone = try ScriptParser.parse("type \"load-${SHOPPER:-1}@example.test\"", environment: [:])
        let underLoad = try ScriptParser.parse("type \"load-${SHOPPER:-1}@example.test\"", environment: ["SHOPPER": "7"])
        guard case .type(let first) = alone.steps[0].command, case .type(let second) = underLoad.steps[0].command else {
            Issue.record("not a type command"); return
        }
        #expect(first == "load-1@example.test")
        #expect(second == "load-7@example.test")
        #expect(throws: ScriptError.self) { try ScriptParser.parse("type \"${SHOPPER}\"", environment: [:]) }
    }
}
