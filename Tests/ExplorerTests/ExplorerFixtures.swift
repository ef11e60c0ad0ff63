import Foundation
import MatrixCore
import Screen
@testable import Explorer

/// The matrices the explorer tests run on: seed 000's parameter matrix as the importer reads it
/// from `data/sources/`, and a small feature matrix with footnotes, N/A and text columns.
enum ExplorerFixtures {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let params: Matrix = {
        let url = repoRoot.appendingPathComponent("data/sources/parameter-matrix.md")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return (try? ParameterMatrixMarkdown.parse(text, path: "data/sources/parameter-matrix.md"))
            ?? Matrix(name: "params", title: "missing", kind: .parameters)
    }()

    static let features = Matrix(
        name: "features", title: "Model-Feature Support Matrix", kind: .features,
        columns: [Column(key: "overlap-scheduler", title: "Overlap Scheduler"),
                  Column(key: "cuda-graph", title: "CUDA Graph"),
                  Column(key: "chunked-prefill", title: "Chunked Prefill", footnotes: ["1"]),
                  Column(key: "kv-cache-reuse", title: "KV Cache Reuse")],
        attributeNames: ["Modality"], rowHeader: "Model Architecture/Feature",
        rows: [
            Row(key: "DeepseekV3ForCausalLM", attributes: [Attribute(name: "Modality", values: ["Language"], literal: "L")],
                cells: ["overlap-scheduler": Cell(status: .supported, literal: "Yes"),
                        "cuda-graph": Cell(status: .supported, literal: "Yes"),
                        "chunked-prefill": Cell(status: .supported, literal: "Yes [^1]", footnotes: ["1"]),
                        "kv-cache-reuse": Cell(status: .unsupported, literal: "No")]),
            Row(key: "Qwen2VLForConditionalGeneration", attributes: [Attribute(name: "Modality", values: ["Language", "Image", "Video"], literal: "L + I + V")],
                cells: ["overlap-scheduler": Cell(status: .supported, literal: "Yes"),
                        "cuda-graph": Cell(status: .untested, literal: "Untested"),
                        "chunked-prefill": Cell(status: .notApplicable, literal: "N/A"),
                        "kv-cache-reuse": Cell(status: .unsupported, literal: "No", note: "Image tokens are not reused")]),
            Row(key: "LlamaForCausalLM", attributes: [Attribute(name: "Modality", values: ["Language"], literal: "L")],
                cells: ["overlap-scheduler": Cell(status: .supported, literal: "Yes"),
                        "cuda-graph": Cell(status: .supported, literal: "Yes"),
                        "chunked-prefill": Cell(status: .supported, literal: "Yes"),
                        "kv-cache-reuse": Cell(status: .supported, literal: "Yes")]),
        ],
        footnotes: [Footnote(label: "1", text: "Chunked Prefill for MLA can only be enabled on SM100.")])

    static var source: InMemoryDataSource { InMemoryDataSource(matrices: [params, features]) }

    /// A state over both matrices, at a size and theme.
    static func state(width: Int = 80, height: Int = 24, theme: Theme = .dark) -> ExplorerState {
        let source = source
        let grids = (try? source.grids()) ?? []
        return ExplorerState(grids: grids, width: width, height: height, theme: theme,
                             glyphs: GlyphSet.named(theme.glyphs) ?? .emoji)
    }

    /// Applies actions in turn, performing detail loads against the in-memory source like the app loop.
    static func run(_ state: ExplorerState, _ actions: [Action]) -> (ExplorerState, [Effect]) {
        var state = state
        var all: [Effect] = []
        for action in actions {
            let effects = state.apply(action)
            all += effects
            for case .loadCellDetail(let matrix, let row, let column) in effects {
                _ = state.apply(.cellDetailLoaded(try? source.cellDetail(matrix: matrix, row: row, column: column)))
            }
            for case .loadLastRuns(let matrix) in effects {
                _ = state.apply(.lastRunsLoaded(matrix: matrix, times: (try? source.lastRunTimes(matrix: matrix)) ?? [:]))
            }
            for case .searchNotes(let matrix, let words) in effects {
                _ = state.apply(notesFound(matrix: matrix, words: words))
            }
        }
        return (state, all)
    }

    /// The in-memory source's answer to a ``Effect/searchNotes(matrix:words:)``, as the app loop gives it.
    static func notesFound(matrix: String, words: [String]) -> Action {
        .notesFound(matrix: matrix, matches: Dictionary(uniqueKeysWithValues: words.compactMap { word in
            source.noteMatches(matrix: matrix, word: word).map { (word, $0) }
        }))
    }

    static func rowKeys(_ state: ExplorerState) -> [String] {
        state.tab.selection.rows.map { state.tab.grid.rowKeys[$0] }
    }
}
