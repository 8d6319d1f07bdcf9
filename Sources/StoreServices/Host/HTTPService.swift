/// A service that answers under its own path prefix, e.g. `/product/v1/`.
public protocol HTTPService: AnyObject {
    /// Adds the service's routes. Called once, before the host starts.
    func register(on router: Router)
}
