import Foundation
import StoreCore

/// How long each paid order's OrderPurchased effects took: read after the run
/// from `GET /order/v1/orders/{id}/pipeline`, whose steps carry the services'
/// own times since payment, so reading late changes nothing. An order's time
/// is its last step's; an order whose pipeline is not complete by `patience`
/// after the run is counted as not done.
enum EffectTimes {
    struct Result {
        var latencies = Latencies()
        var notDone = 0
    }

    static func read(_ orders: [PaidOrderLedger.Entry], plan: LoadPlan, patience: TimeInterval = 30) -> Result {
        let deadline = Date().addingTimeInterval(patience)
        let readers = min(8, max(1, orders.count))
        let lock = NSLock()
        var all = Result()
        DispatchQueue.concurrentPerform(iterations: readers) { reader in
            let api = plan.makeClient()
            var mine = Result()
            for index in stride(from: reader, to: orders.count, by: readers) {
                if let seconds = lastStepSeconds(orders[index], api: api, until: deadline) {
                    mine.latencies.add(seconds, failed: false)
                } else {
                    mine.notDone += 1
                }
            }
            lock.lock(); defer { lock.unlock() }
            all.latencies.merge(mine.latencies)
            all.notDone += mine.notDone
        }
        return all
    }

    /// Seconds from payment to the order's last effect, once its pipeline is complete; nil if it is not by `deadline`.
    private static func lastStepSeconds(_ entry: PaidOrderLedger.Entry, api: StoreAPI, until deadline: Date) -> Double? {
        while true {
            if let pipeline = try? api.orderPipeline(id: entry.orderID, token: entry.token), pipeline.complete {
                return Double(pipeline.steps.compactMap(\.sincePaymentMs).max() ?? 0) / 1000
            }
            guard Date() < deadline else { return nil }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}
