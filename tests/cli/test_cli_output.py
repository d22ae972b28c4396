

def test_metrics_text_large_values():
    from tuitrain.batch.report import metrics_text

    text = metrics_text({"loss": 4.2e24, "accuracy": 0.5})
    assert text == "accuracy: 0.5000 - loss: 4.2000e+24"
