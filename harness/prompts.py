"""The prompts every backend tests with: eight of different lengths (so batching strategies and
padding have something to sort), shared so that results compare across backends."""

PROMPTS = [
    "the model reads",
    "beam search keeps several",
    "a prompt and writes tokens one at a time while",
    "greedy",
    "the cache keeps keys and values of every layer so that decoding stays fast",
    "stream traffic sample",
    "parameter batch matrix backend precision on small machines",
    "large ones",
]
