import Foundation
import StorefrontApp

exit(StorefrontMain.run(arguments: Array(CommandLine.arguments.dropFirst())))
