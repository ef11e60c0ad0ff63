"""The TensorRT-LLM mapping as plain data, the flow choice, and what a machine without
TensorRT-LLM answers. The real signatures live in one place, the stand-in package
(harness/tests/trtllm_standin); test_tensorrt_standin.py builds every row's objects there."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from harness.backends.tensorrt_flows import ENGINE, PYTORCH, choose_flow
from harness.backends.tensorrt_mapping import tensorrt_arguments
from harness.errors import FlowUnavailable, MappingError, NotApplicable
from harness.params import parse_row

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def m(key, flow=ENGINE):
    return tensorrt_arguments(parse_row(key), "/m", flow)


def test_engine_flow_values_land_where_documented():
    assert m("tensorrt.max_batch_size=4")["BuildConfig"]["max_batch_size"] == 4
    assert m("tensorrt.gpu_memory_utilization=0.7")["KvCacheConfig"] == {"free_gpu_memory_fraction": 0.7}
    assert m("tensorrt.enable_chunked_context")["LLM"]["enable_chunked_prefill"] is True
    assert m("tensorrt.kv_cache_type=continuous")["BuildConfig"]["kv_cache_type"] == "CONTINUOUS"
    assert m("tensorrt.quantization.method=int8_weight_only")["QuantConfig"] == {"quant_algo": "W8A16"}
    assert m("tensorrt.strongly_typed=False")["BuildConfig"]["strongly_typed"] is False
    assert m("tensorrt.multiple_profiles")["BuildConfig"]["plugin_config"] == {"multiple_profiles": True}
    assert m("fp_precision=bfloat16")["LLM"]["dtype"] == "bfloat16"
    assert m("batching.strategy=static")["LLM"]["batching_type"] == "STATIC"
    beam = m("decoder.beam_search.num_beams=4")
    assert beam["SamplingParams"]["use_beam_search"] and beam["SamplingParams"]["best_of"] == 4
    assert beam["BuildConfig"]["max_beam_width"] == 4
    assert m("streaming=True")["generate"] == {"streaming": True}
    assert m("traffic_simulation.mode=poisson")["arrivals"] == "poisson"


def test_pytorch_flow_moves_sizes_to_the_llm_and_asks_for_statistics():
    args = m("tensorrt.max_batch_size=4", PYTORCH)
    assert args["LLM"]["max_batch_size"] == 4 and args["BuildConfig"] == {}
    assert args["LLM"]["enable_iter_perf_stats"] is True  # TorchLlmArgs: get_stats() is empty without it
    assert m("decoder.beam_search.num_beams=2", PYTORCH)["LLM"]["max_beam_width"] == 2


def test_do_sample_sets_top_p_so_it_does_not_decode_greedily():
    sampling = m("decoder.do_sample=True")["SamplingParams"]
    assert sampling["top_k"] == 0 and sampling["top_p"] == 1.0 and sampling["temperature"] == 1.0


@pytest.mark.parametrize("key", ["tensorrt.quantization.method=fp8", "tensorrt.quantization.method=int8_sq"])
def test_calibrated_methods_use_the_shipped_text(key):
    calib = m(key)["CalibConfig"]
    assert os.path.isfile(os.path.join(calib["calib_dataset"], "train.txt"))  # train split, text column


@pytest.mark.parametrize("key", ["tensorrt.strongly_typed=True", "tensorrt.force_rebuild=True", "tensorrt.kv_cache_type=paged",
                                 "decoder.beam_search.early_stopping=True", "tensorrt.quantization.method=none"])
def test_default_valued_rows_say_so(key):
    assert m(key)["default"]


@pytest.mark.parametrize("key", ["tensorrt.enable_kv_cache_reuse=True", "tensorrt.gpu_memory_utilization=0.9"])
def test_default_valued_rows_with_an_observable_effect_get_an_opposite_baseline(key):
    args = m(key)
    assert args["baseline"] and args["observe"] and not args["default"]


@pytest.mark.parametrize("key, text", [
    ("tensorrt.builder_opt_level=3", "no counterpart in the LLM API"),
    ("tensorrt.no_such_knob=1", "unknown TensorRT-LLM parameter"),
    ("tensorrt.kv_cache_type=ring", "KVCacheType"),
    ("tensorrt.gpu_memory_utilization=1.5", "out of range"),
    ("tensorrt.quantization.method=awq9", "expected one of"),
    ("fp_precision=float8", "LLM(dtype"),
    ("quantization.bnb_4bit_quant_type=nf4", "NF4 has no TensorRT-LLM counterpart"),
    ("quantization.bnb_4bit_quant_type=fp4", "Blackwell"),
])
def test_invalid_rows_are_mapping_errors(key, text):
    with pytest.raises(MappingError, match=text.replace("(", r"\(")):
        m(key)


@pytest.mark.parametrize("key", ["tensorrt.strongly_typed=False", "tensorrt.multiple_profiles", "tensorrt.kv_cache_type=paged",
                                 "tensorrt.builder_opt_level=3", "tensorrt.force_rebuild=True", "batching.strategy=static",
                                 "tensorrt.quantization.method=fp8", "quantization.load_in_8bit"])
def test_engine_only_rows_are_not_applicable_on_the_pytorch_flow(key):
    with pytest.raises(NotApplicable, match="not applicable on TensorRT-LLM's PyTorch backend"):
        m(key, PYTORCH)


def test_flow_choice_follows_the_installed_version(monkeypatch):
    monkeypatch.delenv("INFERMATRIX_TENSORRT_FLOW", raising=False)
    assert choose_flow("1.2.0", True).name == ENGINE
    main = choose_flow("1.4.0.dev0", False)
    assert main.name == PYTORCH and "1.4.0.dev0 has no engine flow" in main.gone and "15918" in main.gone
    assert choose_flow("1.2.0", True, PYTORCH).name == PYTORCH
    with pytest.raises(FlowUnavailable, match="no engine flow"):
        choose_flow("1.4.0", False, ENGINE)
    with pytest.raises(FlowUnavailable, match="predates"):
        choose_flow("0.21.0", True)
    monkeypatch.setenv("INFERMATRIX_TENSORRT_FLOW", "pytorch")
    assert choose_flow("1.3.0", True).name == PYTORCH


@pytest.mark.skipif(importlib.util.find_spec("tensorrt_llm") is not None,
                    reason="tensorrt_llm is installed: the not-installed path does not apply")
def test_without_tensorrt_llm_every_request_is_skipped_with_the_install_hint():
    requests = [{"id": str(i), "row": row} for i, row in enumerate([
        "tensorrt.max_batch_size=4", "tensorrt.builder_opt_level=3", "quantization.bnb_4bit_quant_type=fp4",
        "tensorrt.kv_cache_type=continuous", "vllm.block_size=16", "=oops", "", "streaming=True"])]
    requests.append({"id": "features", "matrix": "features", "row": "Qwen2ForCausalLM", "column": "kv-cache-reuse"})
    proc = subprocess.run([sys.executable, "-m", "harness", "serve", "--backend", "tensorrt"], cwd=REPO, timeout=120,
                          input="".join(json.dumps(r) + "\n" for r in requests), capture_output=True, text=True)
    results = {e["id"]: e for e in map(json.loads, proc.stdout.splitlines()) if e["event"] == "result"}
    assert proc.returncode == 0 and set(results) == {r["id"] for r in requests}, proc.stdout + proc.stderr
    for result in results.values():
        assert result["status"] == "skipped", result
        assert result["reason"].startswith("TensorRT-LLM not installed") and "pip install tensorrt-llm" in result["reason"]
    assert "builder_opt_level has no counterpart" in results["1"]["reason"]  # said, not failed
    assert results["0"]["parameters"]["BuildConfig"]["max_batch_size"] == 4
