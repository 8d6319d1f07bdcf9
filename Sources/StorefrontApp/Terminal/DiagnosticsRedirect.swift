import Foundation

/// Sends standard error to `storefront.log` in a folder while the full-screen
/// UI runs, so a line written by the embedded services cannot tear the screen;
/// `restore` puts standard error back for the messages printed at exit.
final class DiagnosticsRedirect {
    private var saved: Int32 = -1

    init(toFileIn folder: String?) {
        guard let folder else { return }
        let path = (folder as NSString).appendingPathComponent("storefront.log")
        let file = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard file >= 0 else { return }
        saved = dup(STDERR_FILENO)
        dup2(file, STDERR_FILENO)
        close(file)
    }

    func restore() {
        guard saved >= 0 else { return }
        dup2(saved, STDERR_FILENO)
        close(saved)
        saved = -1
    }
}
