/// The text of `storefront --help`.
public enum Usage {
    public static let version = "storefront 0.1.0"

    public static let text = """
    usage: storefront [options]
           storefront test PATH... [--jobs N] [--retries N] [--api URL] [--cacert FILE] [--junit FILE] [--html FILE]
                           [--cast DIR] [--snapshots DIR] [--snapshot-format svg|txt] [--update-snapshots] [--clock TIME]
           storefront load (SCRIPT... | --mix checkout) --shoppers N (--duration 60s | --iterations K) [--ramp 10s]
                           [--api URL] [--cacert FILE] [--data-dir DIR] [--report FILE.json] [--max-failure-rate R]

    A terminal shop for The Better Store. With no --api it starts the store's
    services in-process on a free loopback port and opens the shop on them.

    options:
      --api URL            use the deployment at URL instead of the embedded shop
      --cacert FILE        trust the certificate authorities in FILE (PEM) for an https:// --api
      --data-dir DIR       data directory of the embedded shop
                           (default: $XDG_DATA_HOME/storefront, else ~/.local/share/storefront;
                           a script runs on a fresh temporary shop unless this is given)
      --theme NAME         colour theme: default, light, mono, high-contrast, or a theme file
      --script FILE        play a keystroke script on a virtual screen (no terminal needed);
                           exit 0 when every expectation held, 1 when one failed, 2 when the
                           script itself is wrong
      --tty                with --script: play the script on this terminal instead
      --pace DURATION      delay between keys with --tty or --demo (e.g. 40ms)
      --snapshots DIR      where `snapshot NAME` writes NAME.txt and finds its golden file
                           (default: snapshots/<script name>/ beside the script)
      --update-snapshots   rewrite golden snapshots instead of comparing with them
      --snapshot-format svg|txt
                           svg: also draw each snapshot as NAME.svg (and, in storefront test,
                           each failure screen as NAME.failure.svg); goldens stay text
      --clock TIME         start the clock at an ISO 8601 time, e.g. 2026-01-01T10:00:00Z
      --demo               play the bundled checkout demo at human pace on the embedded shop
      --record FILE        record the keys of this session as a keystroke script
      --cast FILE          also write what the screen shows as an asciicast v2 file
                           (asciinema play FILE), card and password fields masked
      --frame-stats FILE   write one line per frame drawn: microseconds to lay it out and to
                           diff and write it, bytes written, cells changed (for benchmarks)
      -h, --help           show this help
      --version            show the version

    storefront test runs every .keys file in the folders given (names starting
    with _ are left out: they are for include), each on a fresh embedded shop or
    against --api URL, --jobs N at once (default: the number of cores), prints
    PASS/FLAKY/FAIL per script in file order and "N passed, N flaky, N failed";
    --retries N runs a failed script again up to N times (passing then is FLAKY);
    --junit FILE writes a JUnit XML report and the screen of each failure beside it;
    --html FILE writes one self-contained HTML page with results and screens;
    --cast DIR writes each failed script's run as DIR/NAME.cast.

    storefront load plays the scripts with N headless shoppers at once, each on
    its own virtual screen with its own client and cart (${SHOPPER} and
    ${ITERATION} in scripts; ${SHOPPER_EMAIL} and ${SHOPPER_PASSWORD} name an
    account signed up for the shopper), looping until --duration or for
    --iterations, shoppers started evenly over --ramp; then prints per step
    (each wait and expect, or a `step "name"` group) its count, failures and
    p50/p95/p99/max time with the HTTP calls made in it. --report FILE.json
    holds the same with histograms. Exit 1 when an iteration failed (or more
    than --max-failure-rate of them, e.g. 0.01). --mix checkout plays no
    script: each shopper signs up once, then loops putting a product into its
    cart, creating an order and paying it through the API, and the report adds
    the paid orders per second and how long after payment each order's
    effects (receipt, shipping, reporting) were done, p50/p99.

    environment:
      CURL_CA_BUNDLE       certificate authorities when --cacert is not given, as for curl(1)
      SSL_CERT_FILE        the same, when CURL_CA_BUNDLE is not set
      https_proxy, http_proxy, no_proxy
                           proxies, as for curl(1)
      NO_COLOR             monochrome theme
      XDG_DATA_HOME        where the embedded shop keeps its data
      XDG_CONFIG_HOME      where storefront/config is read from
    """
}
