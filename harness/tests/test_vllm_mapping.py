"""The vLLM mapping as data (runs without vLLM): every vllm.* row of seed 000 and the shared rows."""

import pytest

from harness.backends.vllm_mapping import vllm_plan
from harness.errors import MappingError
from harness.params import parse_row

SEED_VLLM_ROWS = [  # seed 000, section "vLLM-specific"
    "vllm.attention.backend=FLASHINFER", "vllm.attention.backend=FLASH_ATTN", "vllm.attention.backend=TORCH_SDPA",
    "vllm.attention.backend=auto", "vllm.best_of=1", "vllm.best_of=2", "vllm.block_size=16", "vllm.block_size=32",
    "vllm.block_size=8", "vllm.cpu_offload_gb", "vllm.cpu_offload_gb=2.0", "vllm.distributed_backend=mp",
    "vllm.distributed_backend=ray", "vllm.enable_chunked_prefill", "vllm.enable_chunked_prefill=True",
    "vllm.enable_prefix_caching", "vllm.enable_prefix_caching=True", "vllm.enforce_eager", "vllm.enforce_eager=True",
    "vllm.gpu_memory_utilization=0.5", "vllm.gpu_memory_utilization=0.6", "vllm.gpu_memory_utilization=0.7",
    "vllm.kv_cache_dtype=auto", "vllm.kv_cache_dtype=bfloat16", "vllm.kv_cache_dtype=float16",
    "vllm.kv_cache_dtype=fp8", "vllm.load_format=auto", "vllm.load_format=pt", "vllm.load_format=safetensors",
    "vllm.logprobs", "vllm.logprobs=5", "vllm.max_num_seqs=128", "vllm.max_num_seqs=256", "vllm.max_num_seqs=32",
    "vllm.max_num_seqs=64", "vllm.quantization_method", "vllm.quantization_method=awq",
    "vllm.quantization_method=fp8", "vllm.quantization_method=gptq", "vllm.swap_space", "vllm.swap_space=4.0",
]


@pytest.mark.parametrize("key", SEED_VLLM_ROWS)
def test_every_seed_vllm_row_maps(key):
    plan = vllm_plan(parse_row(key))
    name = key.split("=")[0][len("vllm."):]
    where = {**plan.engine, **plan.sampling, **plan.env}
    target = {"distributed_backend": "distributed_executor_backend", "quantization_method": "quantization",
              "attention.backend": "attention_backend"}.get(name, name)
    if key != "vllm.attention.backend=auto":
        assert target in where
    assert plan.engine["enforce_eager"] is True or name == "enforce_eager"


def test_values_and_names():
    assert vllm_plan(parse_row("vllm.block_size=8")).engine["block_size"] == 8
    assert vllm_plan(parse_row("vllm.distributed_backend=mp")).engine["distributed_executor_backend"] == "mp"
    assert vllm_plan(parse_row("vllm.best_of=2")).sampling["best_of"] == 2
    assert vllm_plan(parse_row("vllm.logprobs")).sampling["logprobs"] == 1
    assert vllm_plan(parse_row("vllm.enable_prefix_caching")).mode == "prefix"
    assert vllm_plan(parse_row("fp_precision=bfloat16")).engine["dtype"] == "bfloat16"
    assert vllm_plan(parse_row("decoder.beam_search.num_beams=2")).beam["beam_width"] == 2
    assert vllm_plan(parse_row("decoder.preset=factual")).sampling["top_k"] == 20
    assert vllm_plan(parse_row("vllm.block_size=32")).row_keys == {"block_size"}


@pytest.mark.parametrize("key", ["vllm.no_such_knob=1", "decoder.preset=wild", "batching.strategy=random"])
def test_unknown_rows_fail(key):
    with pytest.raises(MappingError):
        vllm_plan(parse_row(key))


def test_the_mutation_plan_drops_what_the_row_set():
    """INFERMATRIX_MUTATE=drop hands vLLM the harness's defaults instead of the row's arguments."""
    from harness.backends.vllm_mapping import BASE_SAMPLING, base_engine, baseline_plan, changes_nothing

    row = parse_row("vllm.kv_cache_dtype=bfloat16")
    plan = vllm_plan(row)
    base = baseline_plan(row, plan)
    assert plan.engine["kv_cache_dtype"] == "bfloat16" and "kv_cache_dtype" not in base.engine
    assert base.engine == base_engine("cpu") and base.mode == plan.mode
    sampled = parse_row("decoder.preset=standard")
    assert baseline_plan(sampled, vllm_plan(sampled)).sampling == BASE_SAMPLING
    beam = parse_row("decoder.beam_search.num_beams=4")
    assert baseline_plan(beam, vllm_plan(beam)).beam["beam_width"] == 1
    knob = parse_row("decoder.beam_search.length_penalty=1.5")
    assert "length_penalty" not in baseline_plan(knob, vllm_plan(knob)).beam
    defaults = {"kv_cache_dtype": "auto", "load_format": "auto"}
    assert changes_nothing(vllm_plan(parse_row("vllm.kv_cache_dtype=auto")), defaults)
    assert not changes_nothing(plan, defaults)

# MARK: - Engine arguments on a GPU (issue 15): checked here, without vLLM or a GPU


def test_cuda_defaults_to_bfloat16_and_cpu_to_float32():
    assert vllm_plan(parse_row("vllm.block_size=16"), device="cuda").engine["dtype"] == "bfloat16"
    assert vllm_plan(parse_row("vllm.block_size=16"), device="cpu").engine["dtype"] == "float32"
    assert vllm_plan(parse_row("vllm.block_size=16"), device="cuda").row_keys == {"block_size"}


def test_a_precision_row_wins_over_the_device_default():
    plan = vllm_plan(parse_row("fp_precision=float32"), device="cuda")
    assert plan.engine["dtype"] == "float32" and "dtype" in plan.row_keys
    assert vllm_plan(parse_row("fp_precision=float16"), device="cpu").engine["dtype"] == "float16"


@pytest.mark.parametrize("preset", ["standard", "creative", "factual", "deterministic"])
def test_max_logprobs_covers_the_top_k_logprobs_the_sampling_oracle_asks(preset):
    plan = vllm_plan(parse_row(f"decoder.preset={preset}"), device="cuda")
    assert plan.engine["max_logprobs"] >= plan.sampling.get("top_k", 0)
    assert plan.engine["max_logprobs"] >= 100  # creative's top_k; vLLM's own default is 20


@pytest.mark.parametrize("quant_type", ["fp4", "nf4"])
def test_bnb_quant_type_is_a_checkpoint_saved_in_that_type_not_an_override(quant_type):
    plan = vllm_plan(parse_row(f"quantization.bnb_4bit_quant_type={quant_type}"), device="cuda")
    assert plan.engine["quantization"] == "bitsandbytes"
    assert plan.bnb == {"load_in_4bit": True, "bnb_4bit_quant_type": quant_type}
    assert "hf_overrides" not in plan.engine  # a quantization_config without quant_method: vLLM's "(None)" error


def test_load_in_8bit_asks_an_8bit_checkpoint_and_load_in_4bit_quantizes_in_flight():
    assert vllm_plan(parse_row("quantization.load_in_8bit=True")).bnb == {"load_in_8bit": True}
    plan = vllm_plan(parse_row("quantization.load_in_4bit=True"))
    assert plan.bnb is None and plan.engine["quantization"] == "bitsandbytes"


def test_a_shared_gpu_gives_each_engine_a_small_share_and_a_fixed_cache(monkeypatch):
    monkeypatch.setenv("INFERMATRIX_VLLM_GPU_SHARE", "0.05")
    plan = vllm_plan(parse_row("vllm.block_size=32"), device="cuda")
    assert plan.engine["gpu_memory_utilization"] == 0.05 and plan.engine["kv_cache_memory_bytes"] == 1 << 30
    assert not plan.exclusive and plan.row_keys == {"block_size"}
    big = vllm_plan(parse_row("vllm.gpu_memory_utilization=0.7"), device="cuda")
    assert big.engine["gpu_memory_utilization"] == 0.7 and "kv_cache_memory_bytes" not in big.engine
    assert big.exclusive and big.row_keys == {"gpu_memory_utilization"}
    assert "gpu_memory_utilization" not in vllm_plan(parse_row("vllm.block_size=32"), device="cpu").engine


@pytest.mark.parametrize("text", ["half", "0", "1.5"])
def test_a_bad_gpu_share_names_the_variable(monkeypatch, text):
    monkeypatch.setenv("INFERMATRIX_VLLM_GPU_SHARE", text)
    with pytest.raises(MappingError, match="INFERMATRIX_VLLM_GPU_SHARE"):
        vllm_plan(parse_row("vllm.block_size=32"), device="cuda")
