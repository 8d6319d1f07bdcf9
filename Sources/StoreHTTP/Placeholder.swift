public enum StoreHTTPPlaceholder {}
