"""The judges of what a vLLM worker holds (harness/families/vllm_worker.py) and of greedy outputs
compared up to near-ties (harness/greedy.py), on facts shaped as an H200 worker's: they run without
vLLM or a GPU. Each judge is shown failing on what the worker holds when the row's parameter is
dropped (the mutation), so none of them can pass on a default."""

from types import SimpleNamespace

from harness.backends.vllm_mapping import vllm_plan
from harness.cell import RunContext
from harness.events import CollectingWriter
from harness.families import vllm_worker
from harness.families.vllm_worker import kv_cache_check, memory_share_check, quantization_check, worker_checks
from harness.greedy import agree_up_to_ties
from harness.params import own_row

GIB = 1 << 30
H200 = 150_109_880_320  # torch.cuda.mem_get_info()[1] on the H200
UNQUANTIZED = {"quant_methods": ["UnquantizedEmbeddingMethod", "UnquantizedLinearMethod"], "bnb_weights": [],
               "weight_dtypes": ["bfloat16"], "kv_cache_dtypes": ["bfloat16"], "attention_backends": ["FLASH_ATTN"]}


def bnb(kind):
    return {**UNQUANTIZED, "quant_methods": ["BitsAndBytesLinearMethod", "UnquantizedEmbeddingMethod"],
            "bnb_weights": [kind], "weight_dtypes": ["bfloat16", kind.split(":")[0]]}


def test_bitsandbytes_4bit_in_flight_is_nf4_and_fails_unquantized():
    assert quantization_check(bnb("uint8:nf4"), "bitsandbytes", None)[0]
    ok, evidence = quantization_check(UNQUANTIZED, "bitsandbytes", None)
    assert not ok and "bitsandbytes weights: none" in evidence


def test_a_quant_type_must_be_the_checkpoints():
    assert quantization_check(bnb("uint8:fp4"), "bitsandbytes", {"load_in_4bit": True, "bnb_4bit_quant_type": "fp4"})[0]
    assert not quantization_check(bnb("uint8:nf4"), "bitsandbytes",
                                  {"load_in_4bit": True, "bnb_4bit_quant_type": "fp4"})[0]


def test_8bit_weights_are_int8_not_4bit():
    assert quantization_check(bnb("int8:8-bit"), "bitsandbytes", {"load_in_8bit": True})[0]
    assert not quantization_check(bnb("uint8:nf4"), "bitsandbytes", {"load_in_8bit": True})[0]


def test_fp8_needs_the_fp8_linear_method_and_float8_weights():
    fp8 = {**UNQUANTIZED, "quant_methods": ["Fp8LinearMethod"], "weight_dtypes": ["bfloat16", "float8_e4m3fn"]}
    assert quantization_check(fp8, "fp8", None)[0]
    # the H200, 2026-12-01: fp8 quantized in flight from the bf16 checkpoint
    online = {**fp8, "quant_methods": ["Fp8KVCacheMethod", "Fp8PerTensorOnlineLinearMethod", "UnquantizedEmbeddingMethod"]}
    assert quantization_check(online, "fp8", None)[0]
    assert not quantization_check({**online, "weight_dtypes": ["bfloat16"]}, "fp8", None)[0]
    assert not quantization_check(UNQUANTIZED, "fp8", None)[0]


def test_memory_share_accepts_the_asked_share_less_what_torch_does_not_hold():
    ok, evidence = memory_share_check({"memory_reserved": int(0.49 * H200), "memory_total": H200,
                                       "kv_cache_bytes": 60 * GIB}, 0.5)
    assert ok and "asked 0.5" in evidence and "KV cache 60.0 GiB" in evidence


def test_memory_share_fails_when_the_parameter_is_dropped():
    # dropped, a worker sharing the GPU holds the fixed 1 GiB cache; alone, vLLM's own 0.9
    assert not memory_share_check({"memory_reserved": int(1.6 * GIB), "memory_total": H200}, 0.5)[0]
    assert not memory_share_check({"memory_reserved": int(0.89 * H200), "memory_total": H200}, 0.7)[0]
    assert not memory_share_check({"memory_reserved": int(0.6 * H200), "memory_total": H200}, 0.5)[0]


def test_kv_cache_fp8_may_be_bytes_but_not_the_model_dtype():
    assert kv_cache_check({"kv_cache_dtypes": ["uint8"]}, "fp8", "bfloat16")[0]
    assert not kv_cache_check({"kv_cache_dtypes": ["bfloat16"]}, "fp8", "bfloat16")[0]
    assert kv_cache_check({"kv_cache_dtypes": ["bfloat16"]}, "auto", "bfloat16")[0]


class Llm:
    """Stands in for `vllm.LLM` where only collective_rpc is read: answers as one worker would."""

    def __init__(self, facts):
        self.facts = facts

    def collective_rpc(self, fn):
        assert fn is vllm_worker.worker_facts
        return [self.facts]


def checks_for(key, facts, device="cuda"):
    row = own_row(key, "vllm")
    ctx = RunContext(writer=CollectingWriter(), adapter=None)
    worker_checks(ctx, Llm(facts), vllm_plan(row, device), row)
    return ctx.checks


def test_the_quantization_rows_are_judged_on_the_asked_plan():
    [check] = checks_for("quantization.load_in_8bit", bnb("int8:8-bit"))
    assert check.passed and check.kind == "effect"
    [check] = checks_for("quantization.bnb_4bit_quant_type=nf4", UNQUANTIZED)
    assert not check.passed


def test_gpu_memory_utilization_is_judged_on_cuda_only():
    [check] = checks_for("vllm.gpu_memory_utilization=0.6",
                         {**UNQUANTIZED, "memory_reserved": int(0.58 * H200), "memory_total": H200})
    assert check.passed and check.kind == "effect"
    assert checks_for("vllm.gpu_memory_utilization=0.6", UNQUANTIZED, device="cpu") == []


def test_rows_that_choose_nothing_the_worker_holds_read_nothing():
    assert checks_for("vllm.max_num_seqs=4", SimpleNamespace()) == []


def test_greedy_parting_at_a_near_tie_agrees():
    ref = [[5, 6, 7, 8], [1, 2, 3, 4]]
    logprobs = [[{5: -0.1}, {6: -0.2}, {7: -1.00, 9: -1.05}, {8: -0.1}], [{1: -0.1}] * 4]
    ok, evidence = agree_up_to_ties(ref, logprobs, [[5, 6, 9, 2], [1, 2, 3, 4]])
    assert ok and "1 identical, 1 part at a near-tie" in evidence and "prompt 0 token 2" in evidence


def test_bf16_round_off_of_a_few_steps_is_a_tie():
    # the H200's Qwen3Moe × cuda-graph (2026-12-01): prompt 5 parted 0.125 nats (two bf16 steps) apart
    ok, evidence = agree_up_to_ties([[210, 1]], [[{210: -2.0, 84: -2.125}, {1: -0.1}]], [[84, 7]])
    assert ok and "0.125 nats apart" in evidence


def test_greedy_parting_where_the_reference_had_a_clear_winner_fails():
    logprobs = [[{5: -0.1}, {6: -0.2, 9: -3.0}]]
    ok, evidence = agree_up_to_ties([[5, 6]], logprobs, [[5, 9]])
    assert not ok and "clear winner" in evidence and "2.800 nats below" in evidence
    ok, evidence = agree_up_to_ties([[5, 6]], logprobs, [[5, 4]])
    assert not ok and "not among the reference's top candidates" in evidence


def test_a_4bit_parameter_is_judged_by_its_storage_not_its_reported_dtype():
    import torch

    class Packed(torch.nn.Parameter):  # as vLLM 0.26's BitsAndBytesWeightParameter: .dtype is the model's
        @property
        def dtype(self):
            return torch.float32

    weight = Packed(torch.zeros(4, 1, dtype=torch.uint8), requires_grad=False)
    weight.bnb_quant_state = {0: SimpleNamespace(quant_type="nf4")}
    assert weight.dtype == torch.float32 and vllm_worker._bnb_kind(weight) == "uint8:nf4"
