"""Make the screenshots in screenshots/: the main screen while training, the activation
charts, the help screen and the Chinese app, as SVG and, with rsvg-convert or cairosvg, PNG.

Run with the project installed: ``python scripts/screenshots.py``.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from pathlib import Path

from tuitrain.locales import set_language
from tuitrain.presets import get_preset
from tuitrain.tui.app import create_app

OUT = Path(__file__).resolve().parent.parent / "screenshots"
SIZE = (120, 40)


async def shoot(name: str, preset: str, language: str, *, tab: str | None = None, help_screen: bool = False,
                epochs: int = 3) -> None:
    set_language(language)
    config = get_preset(preset)
    app = create_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        screen = app.main
        trainer = screen.experiment.trainer
        screen.action_toggle_training()
        await asyncio.wait_for(_until(pilot, lambda: trainer.epoch >= epochs), 60)
        screen.action_toggle_training()
        await asyncio.wait_for(_until(pilot, lambda: not screen.running), 30)
        if tab:
            screen.query_one("#charts").active = tab
        if help_screen:
            await pilot.press("f1")
        await pilot.pause(0.8)
        svg = OUT / f"{name}.svg"
        app.save_screenshot(svg.name, str(OUT))
        screen.stop_now()
    _to_png(svg)


async def _until(pilot, predicate) -> None:
    while not predicate():
        await pilot.pause(0.05)


def _to_png(svg: Path) -> None:
    """Convert ``svg`` to PNG beside it, with rsvg-convert when installed, else cairosvg.

    rsvg-convert finds fonts through fontconfig, so CJK text renders with any installed CJK
    font (fonts-noto-cjk on Debian); cairosvg drew it as empty boxes here.
    """
    png = svg.with_suffix(".png")
    if shutil.which("rsvg-convert"):
        subprocess.run(["rsvg-convert", str(svg), "-o", str(png)], check=True)
        return
    try:
        import cairosvg
    except ImportError:
        return
    cairosvg.svg2png(url=str(svg), write_to=str(png))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    asyncio.run(shoot("main-training", "moons", "en", epochs=20))
    asyncio.run(shoot("activations", "moons", "en", tab="tab-activations", epochs=20))
    asyncio.run(shoot("layer-health", "moons", "en", tab="tab-health", epochs=20))
    asyncio.run(shoot("boundary", "moons", "en", tab="tab-boundary", epochs=40))
    asyncio.run(shoot("help", "reference", "en", help_screen=True))
    asyncio.run(shoot("main-zh", "moons", "zh", epochs=20))
    asyncio.run(shoot("help-zh", "reference", "zh", help_screen=True))
    set_language("en")


if __name__ == "__main__":
    main()
