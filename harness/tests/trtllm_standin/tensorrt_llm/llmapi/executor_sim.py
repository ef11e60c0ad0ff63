"""The stand-in's executor: in-flight batching over iterations, a paged KV cache with block reuse,
chunked context, and the iteration statistics `LLM.get_stats()` returns (keys as trtllm-serve's
/metrics documents them). Simulated: tokens are hashes, nothing runs on a GPU."""

import random

from .._standin import detokenize, token


class Request:
    def __init__(self, rid, prompt_ids, params, streaming):
        self.id, self.prompt_ids, self.params, self.streaming = rid, prompt_ids, params, streaming
        self.context_done = 0
        self.width = params.best_of or params.n or 1 if params.use_beam_search else params.n or 1
        self.sequences = [[] for _ in range(self.width)]
        self.finished = False
        self.updates = 0  # iterations that produced tokens for this request
        seed = params.seed if params.seed is not None else random.randrange(1 << 30)
        self.rng = random.Random(seed)

    def next_tokens(self):
        p = self.params
        for beam, seq in enumerate(self.sequences):
            history = tuple(self.prompt_ids) + tuple(seq)
            if p.use_beam_search:
                seq.append(token("beam", history, beam, p.length_penalty, p.early_stopping))
            elif p.greedy():
                seq.append(token("greedy", history))
            else:
                seq.append(token("sample", history, self.rng.random(), p.temperature, p.top_k, p.top_p))
        if len(self.sequences[0]) >= p.max_tokens:
            self.finished = True


class Executor:
    def __init__(self, *, max_batch_size, max_num_tokens, chunked, kv_cache_config, tokens_per_block, stats_on):
        self.max_batch_size, self.max_num_tokens, self.chunked = max_batch_size, max_num_tokens, chunked
        self.kv = kv_cache_config
        self.tokens_per_block = tokens_per_block
        self.max_blocks = int((kv_cache_config.free_gpu_memory_fraction or 0.9) * 4000)
        self.stats_on = stats_on
        self.pending, self.stats, self.iteration = [], [], 0
        self.seen_blocks = set()
        self.next_id = 0

    def submit(self, prompt_ids, params, streaming):
        if not self.chunked and len(prompt_ids) > self.max_num_tokens:
            raise ValueError(f"The sum of prompt length ({len(prompt_ids)}) and query length (0) should not exceed "
                             f"max_num_tokens ({self.max_num_tokens})")
        self.next_id += 1
        request = Request(self.next_id, prompt_ids, params, streaming)
        self.pending.append(request)
        return request

    def step(self):
        """One iteration: schedule up to max_batch_size requests, context chunks first."""
        active = [r for r in self.pending if not r.finished][: self.max_batch_size]
        budget, ctx_tokens, reused = self.max_num_tokens, 0, 0
        for request in active:
            left = len(request.prompt_ids) - request.context_done
            if left > 0:
                if request.context_done == 0:
                    reused += self._reuse(request.prompt_ids)
                take = min(left, budget) if self.chunked else left
                request.context_done += take
                budget -= take
                ctx_tokens += take
            if request.context_done >= len(request.prompt_ids):
                request.next_tokens()
                request.updates += 1
        self.iteration += 1
        if self.stats_on:
            used = sum((len(r.prompt_ids) + len(r.sequences[0])) // self.tokens_per_block + 1 for r in active)
            self.stats.append({
                "iter": self.iteration, "numActiveRequests": len(active), "maxNumActiveRequests": self.max_batch_size,
                "kvCacheStats": {"maxNumBlocks": self.max_blocks, "freeNumBlocks": self.max_blocks - used,
                                 "usedNumBlocks": used, "tokensPerBlock": self.tokens_per_block,
                                 "reusedBlocks": reused, "allocTotalBlocks": used, "allocNewBlocks": used - reused,
                                 "missedBlocks": 0, "cacheHitRate": 0.0},
                "inflightBatchingStats": {"numScheduledRequests": len(active), "numCtxTokens": ctx_tokens,
                                          "numContextRequests": sum(1 for r in active if r.updates == 0),
                                          "numGenRequests": sum(1 for r in active if r.updates > 0)},
            })
        self.pending = [r for r in self.pending if not r.finished]
        return active

    def _reuse(self, ids):
        blocks = [tuple(ids[: (i + 1) * self.tokens_per_block]) for i in range(len(ids) // self.tokens_per_block)]
        hits = sum(1 for b in blocks if b in self.seen_blocks) if self.kv.enable_block_reuse else 0
        self.seen_blocks.update(blocks)
        return hits

    def text(self, request, beam=0):
        return detokenize(request.sequences[beam])
