"""Hardware platforms: aliases resolve to canonical devices; kinds of device only as a fallback."""

from __future__ import annotations

from ingest.hardware import extract_hardware, find_hardware


def _found(text: str) -> list[tuple[str, str]]:
    return [(h.name, h.hw_class) for h in find_hardware(text)]


def test_aliases_resolve_to_canonical_devices() -> None:
    assert _found("It runs at 40 fps on a single 4090 GPU and on A100-80GB.") == [
        ("NVIDIA RTX 4090", "gpu"), ("NVIDIA A100", "gpu")]
    assert _found("在昇腾910B和骁龙平台上部署") == [("Huawei Ascend 910B", "npu"), ("Qualcomm Snapdragon", "mobile")]
    assert find_hardware("RTX5090")[0].id == "hw:nvidia-rtx-5090"


def test_a_kind_of_device_counts_only_without_a_named_one() -> None:
    assert _found("Training takes 20 GPU hours.") == [("GPU", "gpu")]
    assert _found("Training takes 20 GPU hours on H200 GPUs.") == [("NVIDIA H200", "gpu")]
    assert _found("We target the mobile NPU, unlike desktop NPUs.") == [("mobile NPU", "npu")]


def test_vague_devices_need_to_be_the_platform() -> None:
    assert _found("Edge devices have limited memory.") == []
    assert _found("The model runs on edge devices in real time.") == [("edge devices", "edge-device")]
    assert _found("该模型在边缘设备上实时运行") == [("edge devices", "edge-device")]


def test_memory_tiers_and_paper_level_extraction() -> None:
    hardware = extract_hardware("Tiered KV Storage", "将KV缓存卸载到SSD", "We move blocks between HBM and DRAM.")
    assert [(h.name, h.hw_class) for h in hardware] == [("SSD", "memory"), ("HBM", "memory"), ("DRAM", "memory")]
