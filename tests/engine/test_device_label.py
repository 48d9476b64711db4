"""The status-bar device label speaks plain English: '1 thread', '2 threads'."""
import torch

from engine.device import describe


def test_thread_count_is_singular_for_one():
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        assert describe(torch.device("cpu")) == "CPU (1 thread)"
        torch.set_num_threads(2)
        assert describe(torch.device("cpu")) == "CPU (2 threads)"
    finally:
        torch.set_num_threads(before)
