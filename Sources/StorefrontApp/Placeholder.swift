public enum StorefrontAppPlaceholder {}
