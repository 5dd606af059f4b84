"""A process that forks after a parallel batch call does not hang: the child gets a thread
pool of its own (the parent's worker threads do not exist in it)."""
import multiprocessing
import os
import sys

import pytest

import kizuna


def classify_in_child(queue):
    classifier = kizuna.Classifier()
    results = classifier.classify_batch(["欠航って本当？", "thanks!"] * 100)
    queue.put(sum(r.needs_reply for r in results))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_fork_after_a_parallel_batch():
    classifier = kizuna.Classifier()
    parent = sum(r.needs_reply for r in classifier.classify_batch(["欠航って本当？", "thanks!"] * 100))
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=classify_in_child, args=(queue,))
    child.start()
    child.join(timeout=60)
    if child.is_alive():
        child.kill()
        pytest.fail("the forked child hung in a parallel batch")
    assert child.exitcode == 0, sys.stderr
    assert queue.get(timeout=5) == parent
