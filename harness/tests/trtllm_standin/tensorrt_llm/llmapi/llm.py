"""tensorrt_llm/llmapi/llm.py: BaseLLM, _TrtLLM (engine flow), _TorchLLM and LLM (PyTorch flow),
RequestOutput with `outputs[i].text/token_ids/text_diff/token_ids_diff`, `generate_async(inputs,
sampling_params=None, lora_request=None, prompt_adapter_request=None, streaming=False, ...)`,
`get_stats(timeout)`. Refusals are the real messages of llm.py where it has one."""

import json
import os
import shutil
import tempfile
from pathlib import Path

from .._standin import VERSIONS, flavour, has_engine_flow, tokenize
from ..sampling_params import SamplingParams
from .executor_sim import Executor
from .kv_cache_type import KVCacheType
from .llm_args import QuantAlgo, TorchLlmArgs, TrtLlmArgs, TRT_ONLY, TORCH_ONLY

CALIBRATED = {QuantAlgo.FP8, QuantAlgo.W8A8_SQ_PER_CHANNEL, QuantAlgo.W8A8_SQ_PER_TENSOR_PLUGIN, QuantAlgo.INT8}
BYTES_PER_WEIGHT = {None: 2.0, QuantAlgo.FP8: 1.0, QuantAlgo.W8A16: 1.0, QuantAlgo.W8A8_SQ_PER_CHANNEL: 1.0,
                    QuantAlgo.W4A16: 0.5, QuantAlgo.W4A16_AWQ: 0.5}
SIMULATED_SM = 90  # an H200: Hopper


class CompletionOutput:
    def __init__(self, index):
        self.index, self.text, self.token_ids = index, "", []
        self._last_text_len = self._last_token_ids_len = 0
        self.finish_reason = None

    @property
    def text_diff(self):
        return self.text[self._last_text_len:]

    @property
    def token_ids_diff(self):
        return self.token_ids[self._last_token_ids_len:]


class RequestOutput:
    """GenerationResult: `result()`, `await aresult()`, `async for` when streaming."""

    def __init__(self, llm, request, prompt):
        self._llm, self._request, self.prompt = llm, request, prompt
        self.request_id = request.id
        self.prompt_token_ids = request.prompt_ids
        self.outputs = [CompletionOutput(i) for i in range(request.params.n or 1)]
        self.finished = False
        self._seen = 0

    def _refresh(self):
        for out in self.outputs:
            out._last_text_len, out._last_token_ids_len = len(out.text), len(out.token_ids)
            out.token_ids = list(self._request.sequences[out.index])
            out.text = self._llm._executor.text(self._request, out.index)
        self.finished = self._request.finished
        if self.finished:
            for out in self.outputs:
                out.finish_reason = "length"

    def result(self, timeout=None):
        while not self._request.finished:
            self._llm._executor.step()
        self._refresh()
        return self

    async def aresult(self):
        return self.result()

    def __aiter__(self):
        if not self._request.streaming:
            raise RuntimeError("async iteration needs generate_async(..., streaming=True)")
        return self

    async def __anext__(self):
        if self.finished:
            raise StopAsyncIteration
        while self._request.updates == self._seen and not self._request.finished:
            self._llm._executor.step()
        self._seen = self._request.updates
        self._refresh()
        return self


class BaseLLM:
    ARGS = None

    def __init__(self, model, tokenizer=None, tokenizer_mode="auto", skip_tokenizer_init=False,
                 trust_remote_code=False, tensor_parallel_size=1, dtype="auto", revision=None,
                 tokenizer_revision=None, **kwargs):
        valid = set(self.ARGS.FIELDS) | {"_mpi_session", "backend"}
        for key in kwargs:
            if key not in valid:
                raise ValueError(f"{self.__class__.__name__} got invalid argument: {key}")
        if not Path(model).is_dir():
            raise ValueError(f"the stand-in loads local model directories only, got {model!r}")
        self.args = self.ARGS(model=model, tokenizer=tokenizer, tokenizer_mode=tokenizer_mode,
                              skip_tokenizer_init=skip_tokenizer_init, trust_remote_code=trust_remote_code,
                              tensor_parallel_size=tensor_parallel_size, dtype=dtype, revision=revision,
                              tokenizer_revision=tokenizer_revision, **kwargs)
        if self.args.tensor_parallel_size * self.args.pipeline_parallel_size > 1:
            raise RuntimeError(f"Only 1 GPUs are available, but {self.args.tensor_parallel_size * self.args.pipeline_parallel_size} are required.")
        self._shutdown = False
        self._build_model()

    def generate_async(self, inputs, sampling_params=None, lora_request=None, prompt_adapter_request=None,
                       streaming=False, kv_cache_retention_config=None, disaggregated_params=None,
                       trace_headers=None, _postproc_params=None, scheduling_params=None, cache_salt=None):
        if self._shutdown:
            raise RuntimeError("LLM is shutting down")
        params = sampling_params or SamplingParams()
        request = self._executor.submit(tokenize(inputs), params, streaming)
        return RequestOutput(self, request, inputs)

    def generate(self, inputs, sampling_params=None, use_tqdm=True, **kwargs):
        single = isinstance(inputs, str)
        futures = [self.generate_async(p, sampling_params, streaming=False) for p in ([inputs] if single else inputs)]
        results = [f.result() for f in futures]
        return results[0] if single else results

    def get_stats(self, timeout=2):
        stats, self._executor.stats = self._executor.stats, []
        return [json.loads(json.dumps(s)) for s in stats]

    def shutdown(self):
        self._shutdown = True


class _TrtLLM(BaseLLM):
    """Builds an engine into a temporary workspace, writes its config.json, then runs it."""

    ARGS = TrtLlmArgs

    def _build_model(self):
        build, quant = self.args.build_config, self.args.quant_config
        algo = quant.quant_algo
        if algo == QuantAlgo.NVFP4 and SIMULATED_SM < 100:
            raise RuntimeError("NVFP4 quantization requires SM100 (Blackwell) or newer")
        if algo in CALIBRATED:
            self._calibrate(self.args.calib_config)
        self._workspace = tempfile.TemporaryDirectory(suffix="-llm-workspace", dir=self.args.workspace)
        self._engine_dir = Path(self._workspace.name) / "tmp.engine"
        self._engine_dir.mkdir()
        dtype = "float16" if self.args.dtype == "auto" else self.args.dtype
        config = {"version": VERSIONS[flavour()],
                  "pretrained_config": {"architecture": "Qwen2ForCausalLM", "dtype": dtype,
                                        "quantization": {"quant_algo": algo.value if algo else None,
                                                         "kv_cache_quant_algo": None}},
                  "build_config": build.to_dict()}
        (self._engine_dir / "config.json").write_text(json.dumps(config, indent=2))
        per_weight = BYTES_PER_WEIGHT.get(algo, 1.0) * (2.0 if dtype == "float32" else 1.0)
        (self._engine_dir / "rank0.engine").write_bytes(b"\0" * int(200_000 * per_weight))
        if build.kv_cache_type != KVCacheType.PAGED:  # GptModelConfig::supportsInflightBatching
            raise RuntimeError("[TensorRT-LLM][ERROR] Assertion failed: the executor runs in-flight batching, "
                               f"which needs a paged KV cache; this engine has kv_cache_type={build.kv_cache_type.name}")
        if self.args.kv_cache_config.enable_block_reuse and not build.plugin_config.use_paged_context_fmha:
            raise RuntimeError("[TensorRT-LLM][ERROR] Assertion failed: When KV cache block reuse is set, "
                               "model has to be built with paged context FMHA")
        self._executor = Executor(max_batch_size=self.args.max_batch_size, max_num_tokens=self.args.max_num_tokens,
                                  chunked=self.args.enable_chunked_prefill, kv_cache_config=self.args.kv_cache_config,
                                  tokens_per_block=build.plugin_config.tokens_per_block, stats_on=True)

    @staticmethod
    def _calibrate(calib):
        """quantize_by_modelopt.get_calib_dataloader: a hub name is downloaded, a local folder is
        read as a dataset with a train split and a text column."""
        source = calib.calib_dataset
        if not os.path.isdir(source):
            raise ConnectionError(f"calibration would download {source!r} from the Hugging Face hub (stand-in: no network)")
        trains = [f for f in os.listdir(source) if f.startswith("train")]
        if not trains or not Path(source, trains[0]).read_text().strip():
            raise ValueError(f"local calibration dataset {source} has no train split with text")

    def save(self, engine_dir):
        shutil.copytree(self._engine_dir, engine_dir, dirs_exist_ok=True)

    @property
    def workspace(self):
        return Path(self._workspace.name)


class _TorchLLM(BaseLLM):
    ARGS = TorchLlmArgs

    def _build_model(self):
        self._executor = Executor(max_batch_size=self.args.max_batch_size, max_num_tokens=self.args.max_num_tokens,
                                  chunked=self.args.enable_chunked_prefill, kv_cache_config=self.args.kv_cache_config,
                                  tokens_per_block=self.args.kv_cache_config.tokens_per_block,
                                  stats_on=self.args.enable_iter_perf_stats)

    def _validate_args_for_torch_backend(self, kwargs):
        specific = [key for key in kwargs if key in set(TRT_ONLY) - set(TORCH_ONLY)] if has_engine_flow() else []
        if specific:
            raise ValueError(
                f"The following arguments are specific to TensorRT backend and cannot be used with PyTorch backend: {specific}.\n"
                f"Please use 'from tensorrt_llm._tensorrt_engine import LLM' instead to use the TensorRT backend.")


class LLM(_TorchLLM):
    def __init__(self, model, *args, **kwargs):
        self._validate_args_for_torch_backend(kwargs)
        super().__init__(model, *args, **kwargs)
