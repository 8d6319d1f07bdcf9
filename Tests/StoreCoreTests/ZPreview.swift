import Testing
import StoreCore

@Test func zpreview() {
    func show(_ h: Harness, _ c: Int = 80, _ r: Int = 24) { print(h.screen(c, r)); print(String(repeating: "=", count: c)) }
    var h = Harness.withCart([(Fixture.dune, 1)])
    h.press(.enter)
    show(h); h.press(.control("n")); show(h, 80, 24); show(h, 50, 15)
    var s = Harness.withCart([(Fixture.dune, 1), (Fixture.threeBody, 2)], signedIn: true)
    s.press(.enter); show(s); show(s, 50, 15)
    s.press(.enter); show(s); show(s, 50, 15)
    s.press(.enter); s.type("Ana Smith"); s.press(.tab); s.type("42424242"); show(s); show(s, 50, 15)
    var p = CheckoutTests.onCardScreen(); p.press(.enter); show(p)
    p.answer(p.requests[0], .order(Fixture.order())); p.answer(p.requests[0], .payment(PaymentResult(status: "succeeded", card: CardSummary(brand: .visa, last4: "4242"), orderId: "x")))
    p.answer(.products(ProductQuery(featured: true)), .products(Fixture.page([Fixture.dune, Fixture.cafe, Fixture.threeBody])))
    show(p); show(p, 50, 15)
    p.press(.character("o")); p.answer(.orders(token: "token-1"), .orders([Fixture.order("TBS-NEW001", status: .paid, lines: [(Fixture.dune, 2), (Fixture.ebook, 1)], cancellable: true), Fixture.order("TBS-OLD001", status: .fulfilled)]))
    show(p); p.press(.enter); show(p); show(p, 50, 15)
}
