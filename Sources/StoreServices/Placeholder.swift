public enum StoreServicesPlaceholder {}
