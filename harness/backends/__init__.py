"""Backend adapters. Only `pytorch` is real today; vLLM and TensorRT-LLM adapters (issue 5)
plug in beside it with the same `Adapter` shape: `load(settings)`, then family runners."""
