import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One nginx started as a daemon from a configuration in a temporary folder:
/// the pieces every test gateway shares. `stop(_:)` ends it by its pid.
public enum NginxDaemon {
    /// Writes a configuration whose `http` block holds `server` (with temp paths and
    /// logs in `folder`), starts nginx and returns the master's pid once it has written it.
    public static func start(in folder: URL, server: String) throws -> pid_t {
        let path = folder.path
        let pidFile = "\(path)/nginx.pid"
        let configuration = """
        daemon on;
        worker_processes 1;
        pid \(pidFile);
        error_log \(path)/error.log;
        events { worker_connections 64; }
        http {
            access_log \(path)/access.log;
            client_body_temp_path \(path)/client_body;
            proxy_temp_path \(path)/proxy;
            fastcgi_temp_path \(path)/fastcgi;
            uwsgi_temp_path \(path)/uwsgi;
            scgi_temp_path \(path)/scgi;
        \(server)
        }
        """
        let configurationFile = "\(path)/nginx.conf"
        try configuration.write(toFile: configurationFile, atomically: true, encoding: .utf8)
        return try start(configurationFile: configurationFile, prefix: path + "/", pidFile: pidFile, errorLog: "\(path)/error.log")
    }

    /// Starts nginx (as a daemon) from a whole configuration file that names
    /// `pidFile`, and returns the master's pid once it has written it.
    public static func start(configurationFile: String, prefix: String, pidFile: String, errorLog: String) throws -> pid_t {
        try? FileManager.default.removeItem(atPath: pidFile)
        let result = try Spawn.run(["/usr/sbin/nginx", "-c", configurationFile, "-p", prefix, "-e", errorLog])
        let log = { (try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? "" }
        guard result.status == 0 else {
            throw Spawn.Failed(description: "nginx did not start (\(result.status)): \(result.output) \(log())")
        }
        // The daemon writes its pid file after the starting process has returned.
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
               let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw Spawn.Failed(description: "nginx wrote no pid file: \(log())")
    }

    /// Ends the master and its workers, by pid.
    public static func stop(_ pid: pid_t) {
        let tree = Spawn.processTree(of: pid)
        kill(pid, SIGTERM)
        for process in tree where !Spawn.waitForEnd(of: process, seconds: 5) { kill(process, SIGKILL) }
    }
}
