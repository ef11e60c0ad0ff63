import Testing
@testable import MatrixCore

@Suite("Grid summaries")
struct SummaryTests {
    let params = QueryFixtures.params

    @Test("counts every status per column over all rows, like seed 000's Summary")
    func wholeGrid() {
        let summary = params.summary(rows: Array(0..<params.rowCount), columns: [0, 1, 2])
        #expect(summary.map(\.key) == ["pytorch", "vllm", "tensorrt"])
        let vllm = summary[1]
        #expect(vllm.supported == 5)
        #expect(vllm.failed == 4)
        #expect(vllm.uncertain == 1)
        #expect(vllm.untested == 2)
        #expect(vllm.tested == 10)
        #expect(vllm.passedIncludingUncertain == 6)
        #expect(vllm.passed == 5)
        #expect(vllm.total == 12)
        #expect(vllm.passRate == 0.5, "uncertain is tested, not passed")
        let pytorch = summary[0]
        #expect(pytorch.passedIncludingUncertain == 2 && pytorch.tested == 2 && pytorch.passed == 0)
    }

    @Test("counts only the given rows and columns, in the order given")
    func subset() throws {
        let selection = params.select(try Query.parse("section:quant -backend:pytorch"))
        let summary = params.summary(rows: selection.rows, columns: selection.columns.reversed())
        #expect(summary.map(\.title) == ["TensorRT", "vLLM"])
        #expect(summary[0].failed == 2 && summary[0].supported == 1)
        #expect(summary[1].count(of: .unsupported) == 1 && summary[1].count(of: .supported) == 2)
    }

    @Test("N/A cells and an untested column have no pass rate denominators")
    func featuresAndEmpty() {
        let features = QueryFixtures.features
        let summary = features.summary(rows: Array(0..<features.rowCount), columns: [2])
        #expect(summary[0].notApplicable == 1 && summary[0].untested == 1 && summary[0].failed == 1)
        #expect(summary[0].tested == 4)
        let none = params.summary(rows: [], columns: [1])
        #expect(none[0].passRate == nil && none[0].total == 0)
    }

    @Test("indices out of range are ignored rather than trapping")
    func outOfRange() {
        let summary = params.summary(rows: [-1, 0, 99], columns: [1, 7, -2])
        #expect(summary.count == 1)
        #expect(summary[0].total == 1)
    }
}
