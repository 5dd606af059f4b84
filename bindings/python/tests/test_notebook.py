"""examples/notebooks/quickstart.ipynb runs headless from top to bottom, so it never rots."""
import pytest

from conftest import ROOT

nbformat = pytest.importorskip("nbformat", reason="nbformat is installed by scripts/test")
nbclient = pytest.importorskip("nbclient", reason="nbclient is installed by scripts/test")


def test_quickstart_notebook_runs():
    path = ROOT / "examples" / "notebooks" / "quickstart.ipynb"
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # The two charts drew.
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "first-reply attainment" in text
