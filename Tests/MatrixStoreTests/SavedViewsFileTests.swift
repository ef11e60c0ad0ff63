import Foundation
import MatrixCore
import Testing
@testable import MatrixStore

/// `views.json` is written by the one output-file writer (``OutputFile``): a symlinked file (a
/// dotfiles checkout) stays a link and its target gets the views (D2).
@Suite("saved views file")
struct SavedViewsFileTests {
    @Test("W into a symlinked views.json writes the file it names; the link stays a link")
    func symlinkedFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("imx-views-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/dotfiles", withIntermediateDirectories: true)
        try #"{"views": []}"#.write(toFile: directory + "/dotfiles/views.json", atomically: false, encoding: .utf8)
        let link = directory + "/views.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "dotfiles/views.json")
        var views = try SavedViews.load(path: link)
        views.save(SavedView(name: "vllm-failures", matrix: "params", query: "backend:vllm status:failed"))
        try views.write()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "dotfiles/views.json", "the link was replaced")
        #expect(try SavedViews.load(path: directory + "/dotfiles/views.json").views.map(\.name) == ["vllm-failures"])
    }
}
