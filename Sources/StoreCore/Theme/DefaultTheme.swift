// The default theme compiled into the binary. themes/default.theme holds the
// same text (a test keeps them equal) so users can copy it as a starting point.
extension Theme {
    public static let defaultSource = #"""
    # storefront default theme, for dark terminals with 256 colours.
    # Eight-colour terminals get the nearest basic colours; NO_COLOR keeps only the attributes.
    #
    # role = FOREGROUND [on BACKGROUND] [ATTRIBUTES]
    #   colours:    default black red green yellow blue magenta cyan white,
    #               bright-<colour>, or a palette index 0-255
    #   attributes: bold dim underline reverse italic (or plain for none)

    normal      = default
    title       = 117 bold
    heading     = 153 bold
    muted       = 245
    border      = 240
    selection   = 16 on 117
    price       = 114 bold
    error       = 203 bold
    notice      = 229 on 24 bold
    success     = 114 bold
    warning     = 214 bold
    accent      = 176
    tab         = 250 on 236
    tab-active  = 16 on 117 bold
    status-bar  = 253 on 24
    footer      = 250 on 236
    footer-key  = 222 on 236 bold
    input       = 253 on 237
    input-focus = 231 on 25

    """#
}
