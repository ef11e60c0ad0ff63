import Testing
@testable import MatrixCore

@Suite("Query selection")
struct QuerySelectionTests {
    let params = QueryFixtures.params
    let features = QueryFixtures.features

    // MARK: - Everything and nothing

    @Test("an empty query selects every row and every column")
    func emptyQuery() throws {
        let selection = params.select(try Query.parse(""))
        #expect(selection.rows == Array(0..<12))
        #expect(selection.columns == [0, 1, 2])
    }

    // MARK: - Columns

    @Test("backend:vllm status:failed lists the vLLM failures and keeps only the vLLM column")
    func vllmFailures() throws {
        let selection = params.select(try Query.parse("backend:vllm status:failed"))
        #expect(selection.columns == [1])
        #expect(selection.rows.map { params.rowKeys[$0] } == [
            "fp_precision=bfloat16", "quantization.load_in_8bit=True", "vllm.best_of=2", "vllm.block_size=8",
        ])
    }

    @Test("a column term keeps only rows with a tested cell in its columns")
    func columnTermNeedsTestedCell() throws {
        #expect(try params.keys("backend:pytorch") == [
            "pytorch.torch_compile_backend=inductor", "pytorch.torch_compile_backend=onnxrt",
        ])
        #expect(try params.keys("backend:tensorrt").count == 7)
    }

    @Test("column values match key or title exactly, by prefix, or by glob, ignoring case")
    func columnMatching() throws {
        #expect(try params.columnKeys("backend:vLLM") == ["vllm"])
        #expect(try params.columnKeys("backend:tensor") == ["tensorrt"])
        #expect(try params.columnKeys("backend:PYTORCH") == ["pytorch"])
        #expect(try params.columnKeys("backend:*t*") == ["pytorch", "tensorrt"])
        #expect(try params.columnKeys("backend:v*") == ["vllm"])
        #expect(try features.columnKeys(#"feature:"kv cache""#) == ["kv-cache-reuse"])
        #expect(try features.columnKeys("feature:kv-cache-reuse") == ["kv-cache-reuse"])
    }

    @Test("several column terms keep the union of their columns")
    func columnUnion() throws {
        let selection = params.select(try Query.parse("backend:tensorrt backend:pytorch"))
        #expect(selection.columns == [0, 2])
        #expect(selection.rows.count == 9)
    }

    @Test("a negated column term removes columns without filtering rows")
    func negatedColumn() throws {
        let selection = params.select(try Query.parse("-backend:pytorch"))
        #expect(selection.columns == [1, 2])
        #expect(selection.rows == Array(0..<12))
        #expect(try params.keys("-backend:pytorch status:uncertain") == ["decoder.beam_search.length_penalty=1.5"])
    }

    @Test("a column term that matches no column selects no columns and no rows")
    func columnWithoutMatch() throws {
        let selection = params.select(try Query.parse("backend:sglang"))
        #expect(selection.rows.isEmpty)
        #expect(selection.columns.isEmpty)
        #expect(params.select(try Query.parse("backend:vllm backend:sglang")).rows.isEmpty)
    }

    // MARK: - Statuses

    @Test("status: keeps rows with such a cell in the kept columns")
    func status() throws {
        #expect(try params.keys("status:uncertain") == [
            "decoder.beam_search.length_penalty=1.5",
            "pytorch.torch_compile_backend=inductor", "pytorch.torch_compile_backend=onnxrt",
        ])
        #expect(try params.keys("backend:tensorrt status:failed") == [
            "fp_precision=float32", "quantization.load_in_4bit=True", "quantization.load_in_8bit=True",
        ])
    }

    @Test("negated status keeps rows with no such cell; several status terms are ANDed")
    func statusNegationAndConjunction() throws {
        #expect(try params.keys("backend:vllm -status:passed") == [
            "fp_precision=bfloat16", "decoder.beam_search.length_penalty=1.5",
            "quantization.load_in_8bit=True", "vllm.best_of=2", "vllm.block_size=8",
        ])
        #expect(try params.keys("status:passed status:failed") == [
            "fp_precision=bfloat16", "fp_precision=float32", "quantization.load_in_4bit=True",
        ])
    }

    @Test("feature matrices filter the same way: Yes/No/Untested/N/A")
    func featureStatuses() throws {
        #expect(try features.keys(#"feature:"KV Cache Reuse" status:failed"#) == ["GptOssForCausalLM"])
        #expect(try features.keys("status:na") == ["Gemma3ForCausalLM"])
        #expect(try features.keys("status:untested") == ["GptOssForCausalLM", "Llama4ForConditionalGeneration"])
        #expect(try features.keys("feature:kv") == [
            "DeepseekV3ForCausalLM", "GptOssForCausalLM", "Qwen3ForCausalLM", "Qwen3MoeForCausalLM",
        ])
    }

    // MARK: - Sections and models

    @Test("section: matches by equality, containment or glob, ignoring case")
    func sections() throws {
        #expect(try params.keys("section:quant").count == 3)
        #expect(try params.keys("section:QUANTIZATION").count == 3)
        #expect(try params.keys(#"section:"core settings""#).count == 3)
        #expect(try params.keys("section:*-specific").count == 5)
        #expect(try params.keys("-section:quantization").count == 9)
        #expect(try params.keys("section:nothing").isEmpty)
        #expect(try features.keys("section:x").isEmpty)
        #expect(try features.keys("-section:x").count == 6)
    }

    @Test("model: is a case-insensitive glob, or a substring without wildcards")
    func models() throws {
        #expect(try features.keys("model:qwen*") == ["Qwen3ForCausalLM", "Qwen3MoeForCausalLM"])
        #expect(try features.keys("model:qwen3?oe*") == ["Qwen3MoeForCausalLM"])
        #expect(try features.keys("model:CausalLM").count == 5)
        #expect(try features.keys("model:qwen* -status:supported").isEmpty)
        #expect(try features.keys("model:qwen* status:failed") == ["Qwen3MoeForCausalLM"])
        #expect(try features.keys("-model:*causallm") == ["Llama4ForConditionalGeneration"])
    }

    // MARK: - Free words

    @Test("a free word matches row names by substring or in-order subsequence, ignoring case")
    func fuzzyWords() throws {
        #expect(try params.keys("BEST_OF") == ["vllm.best_of=2"])
        #expect(try params.keys("blocksize") == ["vllm.block_size=16", "vllm.block_size=8"])
        #expect(try params.keys("vllm.block_size=8") == ["vllm.block_size=8"])
        #expect(try features.keys("qwnmoe") == ["Qwen3MoeForCausalLM"])
    }

    @Test("words shorter than three characters match by substring only")
    func shortWords() throws {
        #expect(try params.keys("=8") == ["vllm.block_size=8"])
        #expect(try params.keys("zq").isEmpty)
    }

    @Test("a free word also matches attribute texts by substring")
    func attributes() throws {
        #expect(try features.keys("gpt-oss") == ["GptOssForCausalLM"])
        #expect(try features.keys(#""Gemma 3""#) == ["Gemma3ForCausalLM"])
    }

    @Test("free words consult the note index; without one they match names only")
    func noteMatches() throws {
        let notes: (String) -> Set<Int>? = { word in word == "validation error" ? [0] : [] }
        #expect(try params.keys(#""validation error""#, noteMatches: notes) == ["fp_precision=bfloat16"])
        #expect(try params.keys(#""validation error""#).isEmpty)
        #expect(try params.keys(#"-"validation error" section:core"#, noteMatches: notes) == [
            "fp_precision=float16", "fp_precision=float32",
        ])
    }

    @Test("the note index is asked once per free word, with the word as typed")
    func noteIndexCalls() throws {
        var asked: [String] = []
        _ = params.select(try Query.parse("Block status:failed -Engine")) { word in
            asked.append(word)
            return nil
        }
        #expect(asked == ["Block", "Engine"])
    }

    @Test("a negated word excludes rows matched by name or by note")
    func negatedWord() throws {
        let notes: (String) -> Set<Int>? = { _ in [6] }
        #expect(try params.keys("section:quant -4bit", noteMatches: notes) == ["quantization.load_in_8bit"])
    }

    // MARK: - Matrices

    @Test("matrix: keeps the rows only when it names this grid (equal or glob, any case)")
    func matrix() throws {
        #expect(try params.keys("matrix:params").count == 12)
        #expect(try params.keys("matrix:PAR*").count == 12)
        #expect(try params.keys("matrix:features").isEmpty)
        #expect(try params.keys("-matrix:params").isEmpty)
        #expect(try params.keys("-matrix:features").count == 12)
    }

    // MARK: - Live changes

    @Test("changed: finds regressions and fixes (same backend and device class); differs finds differing cells")
    func changed() throws {
        var grid = params
        grid.setStatus(.unsupported, row: 1, column: 1, flags: [.live, .regression])   // regression
        grid.setStatus(.uncertain, row: 11, column: 1, flags: [.live, .fix])           // fix
        grid.setStatus(.supported, row: 10, column: 1, flags: [.live, .differs])       // differs from the document only
        #expect(try grid.keys("differs") == ["vllm.block_size=16"])
        #expect(try grid.keys("-differs").count == grid.rowCount - 1)
        #expect(try grid.keys("changed:any") == ["fp_precision=float16", "vllm.block_size=8"])
        #expect(try grid.keys("changed:regression") == ["fp_precision=float16"])
        #expect(try grid.keys("changed:fix") == ["vllm.block_size=8"])
        #expect(try grid.keys("backend:tensorrt changed:any").isEmpty)
        #expect(try grid.keys("section:vllm -changed:any") == ["vllm.best_of=2", "vllm.block_size=16"])
    }

    // MARK: - Combinations and the search index

    @Test("terms combine with AND")
    func combination() throws {
        #expect(try params.keys("backend:vllm status:failed section:vllm block") == ["vllm.block_size=8"])
        #expect(try params.keys("backend:vllm status:failed -section:vllm").count == 2)
    }

    @Test("a kept search index gives the same selection, and a stale one is not trusted")
    func searchIndex() throws {
        let index = GridSearchIndex(params)
        for text in ["blocksize", "model:*=8 status:failed", "backend:vllm", "-best"] {
            let query = try Query.parse(text)
            #expect(params.select(query, index: index) == params.select(query))
        }
        let stale = GridSearchIndex(features)
        #expect(!stale.isCurrent(for: params))
        #expect(params.select(try Query.parse("blocksize"), index: stale).rows == [10, 11])
        var renamed = params
        renamed.rowKeys.reverse()
        #expect(!index.isCurrent(for: renamed))
        var relabelled = params
        relabelled.setStatus(.unsupported, row: 0, column: 0, flags: [.live, .differs])
        #expect(index.isCurrent(for: relabelled))
    }

    @Test("a large grid evaluates status and column terms over its flat arrays")
    func largeGrid() throws {
        let rows = 2_000, columns = 50
        var statuses = [UInt8](repeating: CellStatus.supported.code, count: rows * columns)
        for row in stride(from: 0, to: rows, by: 7) { statuses[row * columns + 3] = CellStatus.unsupported.code }
        let grid = MatrixGrid(
            name: "big", title: "Big", kind: .parameters, rowHeader: "Parameter",
            columns: (0..<columns).map { Column(key: "c\($0)", title: "Backend \($0)") },
            attributeNames: [], rowKeys: (0..<rows).map { "param_\($0)" },
            sectionIndex: [Int32](repeating: -1, count: rows), sectionNames: [], attributes: [],
            statuses: statuses, cellFlags: [UInt8](repeating: 0, count: rows * columns))
        #expect(grid.select(try Query.parse("status:failed")).rows.count == (rows + 6) / 7)
        #expect(grid.select(try Query.parse("backend:c3 status:failed")).rows.count == (rows + 6) / 7)
        #expect(grid.select(try Query.parse("backend:c4 status:failed")).rows.isEmpty)
        #expect(grid.select(try Query.parse("param_1999")).rows.map { grid.rowKeys[$0] } == ["param_1999"])
    }

    @Test("a byte that is no status code (a corrupt file) sets no status bit; flags still count")
    func corruptStatusByte() throws {
        // 32 would read as `passed` if the bit were taken modulo 32; 200 is far past any code.
        let grid = MatrixGrid(
            name: "bytes", title: "Bytes", kind: .parameters, rowHeader: "Parameter",
            columns: [Column(key: "a", title: "A"), Column(key: "b", title: "B")],
            attributeNames: [], rowKeys: ["corrupt", "passed-failed", "uncertain-untested"],
            sectionIndex: [-1, -1, -1], sectionNames: [], attributes: [],
            statuses: [32, 200, CellStatus.supported.code, CellStatus.unsupported.code,
                       CellStatus.uncertain.code, CellStatus.untested.code],
            cellFlags: [0, 0, 0, 0, 0, CellFlags.differs.rawValue])
        #expect(grid.select(try Query.parse("status:passed")).rows == [1])
        #expect(grid.select(try Query.parse("status:failed")).rows == [1])
        #expect(grid.select(try Query.parse("status:uncertain")).rows == [2])
        #expect(grid.select(try Query.parse("differs")).rows == [2])
        #expect(grid.select(try Query.parse("-status:untested -differs")).rows == [0, 1])
    }
}
