// The client's core speaks the wire model: its domain types and API contract
// come from StoreWire, which the services share, and are visible to every
// module that imports StoreCore.
@_exported import StoreWire
