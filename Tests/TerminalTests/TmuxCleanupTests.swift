import Foundation
import StoreCore
import Testing
import TestSupport

/// Tests leave nothing running: the tmux server of a session, its pane's shell
/// and what runs under it are gone once the session is stopped or dropped,
/// whether the test passed or failed on the way.
@Suite struct TmuxCleanupTests {
    private struct Abandoned: Error {}

    /// The pids of a session: the server, the pane's shell and its children.
    private static func processes(of session: TmuxSession) throws -> [pid_t] {
        let server = try #require(session.serverPID)
        let pane = try #require(session.panePID)
        return [server] + Spawn.processTree(of: pane)
    }

    @Test func stopEndsTheServerAndAProgramThatIgnoresHangUps() throws {
        // The program ignores SIGHUP, as a careless child might: only its pid can end it.
        let session = try TmuxSession("trap '' HUP; sleep 300 & sleep 300; wait", size: Size(columns: 40, rows: 10))
        let socket = session.socket
        try session.wait(upTo: 5) { _ in Spawn.processTree(of: session.panePID ?? 0).count >= 3 }
        let pids = try Self.processes(of: session)
        #expect(pids.count >= 4, "server, shell and two sleeps: \(pids)")
        #expect(pids.allSatisfy(Spawn.isRunning))
        session.stop()
        for pid in pids { #expect(!Spawn.isRunning(pid), "pid \(pid) outlived the session") }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/tmux-\(getuid())/\(socket)"))
    }

    @Test func aTestThatFailsHalfWayLeavesNothingEither() throws {
        var pids: [pid_t] = []
        func failingTest() throws {
            let session = try TmuxSession("sleep 300", size: Size(columns: 40, rows: 10))
            pids = try Self.processes(of: session)
            throw Abandoned()
        }
        #expect(throws: Abandoned.self) { try failingTest() }
        #expect(pids.count >= 3)
        for pid in pids { #expect(!Spawn.isRunning(pid), "pid \(pid) outlived the session") }
    }

    @Test func storefrontLeftRunningEndsWithItsSession() throws {
        var pids: [pid_t] = []
        do {
            let app = try StorefrontInTmux(size: Size(columns: 80, rows: 24))
            #expect(try app.tmux.waitFor("Featured", upTo: 15).met, "\((try? app.tmux.screen()) ?? "")")
            let storefront = try #require(try app.storefrontPID())
            pids = try Self.processes(of: app.tmux)
            #expect(pids.contains(storefront))
            // The test ends here without quitting storefront.
        }
        #expect(pids.count >= 3)
        for pid in pids { #expect(!Spawn.isRunning(pid), "pid \(pid) outlived the session") }
    }
}
