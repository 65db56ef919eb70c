"""Hardware: named devices keep their model number, link to their family, and class words are no devices."""

from __future__ import annotations

import pytest

from ingest.hardware import extract_hardware, find_hardware


def _found(text: str) -> list[tuple[str, str]]:
    return [(h.name, h.hw_class) for h in find_hardware(text)]


def test_aliases_resolve_to_canonical_devices() -> None:
    assert _found("It runs at 40 fps on a single 4090 GPU and on 8 A100s.") == [
        ("NVIDIA RTX 4090", "gpu"), ("NVIDIA A100", "gpu")]
    assert _found("在昇腾910B和骁龙平台上部署") == [("Huawei Ascend 910B", "npu"), ("Qualcomm Snapdragon", "mobile")]
    assert find_hardware("RTX5090")[0].id == "hw:nvidia-rtx-5090"
    assert _found("NVIDIA GeForce RTX 4090 and 8 NVIDIA H800 GPUs") == [("NVIDIA RTX 4090", "gpu"), ("NVIDIA H800", "gpu")]
    # a GPU generation named by its architecture
    assert _found("FP4 kernels for NVIDIA Blackwell GPUs and Hopper GPUs") == [
        ("NVIDIA Blackwell", "gpu"), ("NVIDIA Hopper GPU", "gpu")]


def test_a_family_member_keeps_its_model_number_and_links_to_the_family() -> None:
    phone, laptop = find_hardware("Decoding runs at 20 tokens/s on a Snapdragon 8 Gen 2 phone and an Apple M3 Max.")
    assert (phone.name, phone.hw_class, phone.family, phone.resolved) == (
        "Qualcomm Snapdragon 8 Gen 2", "mobile", "hw:qualcomm-snapdragon", False)
    assert (laptop.name, laptop.family) == ("Apple M3 Max", "hw:apple-m-series")
    assert _found("on Snapdragon platforms") == [("Qualcomm Snapdragon", "mobile")]  # the family, none named
    assert _found("Snapdragon 8 Gen 3 and Snapdragon") == [("Qualcomm Snapdragon 8 Gen 3", "mobile")]
    assert [(h.name, h.family, h.resolved) for h in find_hardware("Ascend 910B and Ascend 310P NPUs")] == [
        ("Huawei Ascend 910B", "hw:huawei-ascend-npu", True), ("Huawei Ascend 310P", "hw:huawei-ascend-npu", False)]


def test_a_model_number_ending_in_g_is_no_memory_size() -> None:
    assert _found("It runs at 433 ms on a Snapdragon 778G platform.") == [("Qualcomm Snapdragon 778G", "mobile")]
    assert [h.name for h in find_hardware("on an A100-40G GPU")] == ["NVIDIA A100 40G"]  # a memory size stays one


def test_a_microcontroller_named_by_its_part_number() -> None:
    assert [h.name for h in find_hardware("It runs on a Texas Instruments MSP430FR5994 board.")] == [
        "Texas Instruments MSP430FR5994"]


def test_a_board_named_by_its_edition_words_keeps_them() -> None:
    assert [h.name for h in find_hardware("It runs on a Raspberry Pi Zero W and a Jetson TX2.")] == [
        "Raspberry Pi Zero W", "NVIDIA Jetson TX2"]


def test_devices_outside_the_ontology_by_vendor_and_shape() -> None:
    assert _found("Samsung Galaxy S24 Ultra, Google Pixel 8 Pro, Xiaomi 14 and iPhone 15 Pro") == [
        ("Samsung Galaxy S24 Ultra", "mobile"), ("Google Pixel 8 Pro", "mobile"), ("Xiaomi 14", "mobile"),
        ("Apple iPhone 15 Pro", "mobile")]
    assert _found("an NVIDIA L20 GPU, a Jetson Orin Nano Super and an Intel Core i9-13900K CPU") == [
        ("NVIDIA L20", "gpu"), ("NVIDIA Jetson Orin Nano Super", "edge-device"), ("Intel Core i9-13900K", "cpu")]
    assert _found("Cambricon MLU370-X8 and RK3588") == [("Cambricon MLU370-X8", "npu"), ("Rockchip RK3588", "edge-device")]


def test_class_words_are_not_devices() -> None:
    assert _found("Training takes 20 GPU hours.") == []
    assert _found("We target the mobile NPU, unlike desktop NPUs, and edge devices in real time.") == []
    assert _found("the core 2 of the Galaxy Pro") == []
    assert extract_hardware("Tiered KV Storage", "将KV缓存卸载到SSD", "We move blocks between HBM, DRAM and CPU.") == ()
    assert _found("Training takes 20 GPU hours on H200 GPUs.") == [("NVIDIA H200", "gpu")]


def test_a_memory_size_is_a_configuration_of_the_device_unless_it_is_sold_in_several() -> None:
    # the A100 comes in 40GB and 80GB (pg:memoryVariant): each is a device of its own, in the A100's family
    found = find_hardware("on A100-80GB, 8 NVIDIA A100 40G GPUs, 4x A100 (80GB) and a Jetson AGX Orin 64GB")
    assert [(h.name, h.id, h.family) for h in found] == [
        ("NVIDIA A100 80GB", "hw:nvidia-a100-80gb", "hw:nvidia-a100"),
        ("NVIDIA A100 40G", "hw:nvidia-a100-40gb", "hw:nvidia-a100"),  # named as written, one id per size
        ("NVIDIA Jetson AGX Orin", "hw:nvidia-jetson-agx-orin", "hw:nvidia-jetson")]
    # the H100 and RTX 4090 come in one size: the size is a configuration, and a size not sold is no variant
    assert _found("H100 80GB, RTX 4090 24GB and A100 64GB") == [
        ("NVIDIA H100", "gpu"), ("NVIDIA RTX 4090", "gpu"), ("NVIDIA A100", "gpu")]


def test_a_laptop_gpu_keeps_its_product_name() -> None:
    assert _found("on an RTX 4090 Laptop GPU") == [("NVIDIA RTX 4090 Laptop GPU", "gpu")]
    assert _found("on an NVIDIA TITAN RTX") == [("NVIDIA TITAN RTX", "gpu")]


def test_more_families_by_stem_and_designator() -> None:
    assert _found("M2 Ultra, AMD Radeon RX 7900 XTX, Xilinx Alveo U280 and OnePlus Ace 2") == [
        ("Apple M2 Ultra", "mobile"), ("AMD Radeon RX 7900 XTX", "gpu"), ("Xilinx Alveo U280", "accelerator"),
        ("OnePlus Ace 2", "mobile")]
    assert _found("NVIDIA L40 and L40S") == [("NVIDIA L40", "gpu"), ("NVIDIA L40S", "gpu")]
    # a processor number with a letter and digit after its dash; a server CPU family
    assert _found("an Intel Core i5-1135G7 and AWS Graviton3 instances") == [
        ("Intel Core i5-1135G7", "cpu"), ("AWS Graviton 3", "cpu")]


def test_systems_sub_families_and_glued_numbers() -> None:
    assert _found("NVIDIA GeForce RTX 4090, DGX-A100 and NVIDIA 2") == [("NVIDIA RTX 4090", "gpu"), ("NVIDIA DGX-A100", "gpu")]
    assert _found("iPhone12 with the Apple A14 Bionic") == [("Apple iPhone 12", "mobile"), ("Apple A14 Bionic", "mobile")]
    assert _found("Jetson Orin, Jetson AGX Orin and Jetson Orin NX") == [
        ("NVIDIA Jetson Orin", "edge-device"), ("NVIDIA Jetson AGX Orin", "edge-device"),
        ("NVIDIA Jetson Orin NX", "edge-device")]
    assert _found("A10G and an Adreno GPU") == [("NVIDIA A10G", "gpu"), ("Qualcomm Adreno GPU", "gpu")]


def test_devices_glued_to_chinese_text() -> None:
    assert _found("达成了在三星Galaxy S23 Ultra上20步生成，在Apple M2 Ultra上推理") == [
        ("Samsung Galaxy S23 Ultra", "mobile"), ("Apple M2 Ultra", "mobile")]
    assert _found("on the Samsung S23 Ultra") == [("Samsung S23 Ultra", "mobile")]


def test_a_product_line_or_code_name_before_the_model_number_is_kept() -> None:
    assert _found("an Intel Xeon Cascadelake 6230R server and a Xilinx Kintex UltraScale+ KU15P board") == [
        ("Intel Xeon Cascadelake 6230R", "cpu"), ("Xilinx Kintex UltraScale+ KU15P", "accelerator")]
    # a capitalised word after a model number is not part of it
    assert _found("on A100 And H100") == [("NVIDIA A100", "gpu"), ("NVIDIA H100", "gpu")]


def test_letter_suffixed_models_and_fpga_boards_are_devices_of_their_own() -> None:
    names = [h.name for h in extract_hardware("", "", "We run on an L40s, on V100S GPUs and on a Xilinx ZCU102 board.")]
    assert names == ["NVIDIA L40S", "NVIDIA V100S", "Xilinx ZCU102"]


def test_a_device_count_glued_to_the_device_name() -> None:
    assert [h.name for h in extract_hardware("", "", "Trained on one 8xA800 machine and 4×H100.")] == [
        "NVIDIA A800", "NVIDIA H100"]


def test_a_device_code_listed_before_a_shared_class_word_is_that_device() -> None:
    names = [h.name for h in extract_hardware("", "", "a cluster mixing NVIDIA H100, L4 and T4 GPUs")]
    assert names == ["NVIDIA H100", "NVIDIA L4", "NVIDIA T4"]
    assert [h.name for h in extract_hardware("", "", "the L4 and L2 caches of 3 GPUs")] == []


def test_a_listed_code_is_found_when_the_known_device_is_the_one_named_with_the_class_word() -> None:
    assert [h.name for h in extract_hardware("", "", "served on L4 and T4 GPUs")] == ["NVIDIA L4", "NVIDIA T4"]


def test_a_vendor_s_product_line_decides_the_family_and_class() -> None:
    # "AMD" alone is the GPU vendor and "Intel" the CPU one; a product line after the vendor says more
    assert [(h.name, h.hw_class, h.family) for h in find_hardware(
        "an AMD Ryzen 9 7950X, an Intel Arria 10 FPGA and an AMD Alveo U280 card")] == [
        ("AMD Ryzen 9 7950X", "cpu", "hw:amd-ryzen"), ("Intel Arria 10", "accelerator", "hw:intel-fpga"),
        ("AMD Alveo U280", "accelerator", "hw:xilinx-fpga")]


def test_microcontroller_part_numbers_alternate_letters_and_digits() -> None:
    assert _found("deployed on STM32H7A3 and STM32L4R9 boards") == [
        ("STM32H7A3", "edge-device"), ("STM32L4R9", "edge-device")]


def test_a_part_number_named_by_its_kind_is_a_device() -> None:
    devices = find_hardware("It runs on the QX78000 microcontroller, a ZQ9021 FPGA and a KT512 SoC.")
    assert [(h.name, h.hw_class, h.resolved) for h in devices] == [
        ("QX78000", "edge-device", False), ("ZQ9021", "accelerator", False), ("KT512", "edge-device", False)]
    assert _found("a 28nm chip with 4 MB of SRAM and a V2 board") == []  # sizes and short codes are no devices


def test_a_model_number_before_a_family_s_suffix_word_names_the_device() -> None:
    chip, = find_hardware("running on the CPU cores of its A14 Bionic chip")
    assert (chip.name, chip.hw_class, chip.family) == ("Apple A14 Bionic", "mobile", "hw:apple-a-series")
    assert _found("an iPhone 14 with the A16 Bionic") == [("Apple iPhone 14", "mobile"), ("Apple A16 Bionic", "mobile")]
    assert _found("the Bionic 5 robot arm") == []  # the word leads no model number


def test_microcontrollers_and_edge_accelerators_by_vendor_part_number() -> None:
    assert _found("deployed on GAP9, an nRF52840 and a Sony IMX500 sensor") == [
        ("GreenWaves GAP9", "edge-device"), ("Nordic nRF52840", "edge-device"), ("Sony IMX500", "edge-device")]
    assert _found("an Arduino Nano 33 BLE Sense and an Arduino Uno") == [
        ("Arduino Nano 33 BLE Sense", "edge-device"), ("Arduino Uno", "edge-device")]
    # an Edge TPU is not the data-centre TPU its label contains
    assert _found("on a Coral Edge TPU and an Intel Neural Compute Stick 2") == [
        ("Google Coral Edge TPU", "edge-device"), ("Intel Neural Compute Stick 2", "edge-device")]
    assert _found("a Lattice iCE40 UP5K FPGA") == [("Lattice iCE40 UP5K", "accelerator")]


def test_a_short_capital_model_name_after_a_stem_names_the_device():
    names = [h.name for h in extract_hardware("", "", "It runs on an iPhone XS and on a Galaxy Pro.")]
    assert names == ["Apple iPhone XS"]  # "Galaxy Pro" alone still names no model


def test_a_bare_tpu_is_a_kind_of_chip_and_a_versioned_one_a_device():
    # "GPUs and TPUs" name kinds of chip, as "GPU" does; a version names a device of Google's TPU family
    assert _found("accelerators such as GPUs and TPUs lack native support") == []
    assert _found("a 2x speedup of attention on TPU at length 4096") == []
    assert _found("trained on TPU v4 pods") == [("Google TPU v4", "accelerator")]


def test_bare_model_codes_listed_after_a_vendor_s_device_are_that_vendor_s():
    assert _found("energy efficiency over NVIDIA H100 and L4 servers") == [("NVIDIA H100", "gpu"), ("NVIDIA L4", "gpu")]
    # a count or a word after the list gap is not taken
    assert _found("on NVIDIA A100 and 8 GPUs") == [("NVIDIA A100", "gpu")]
    assert _found("on NVIDIA A100 and Ubuntu 22") == [("NVIDIA A100", "gpu")]


def test_a_model_named_with_its_parameter_count_is_no_device():
    assert _found("We translate with Q2Q100-418M and an M2M100-1.2B model.") == []
    assert _found("It runs on an M2 Max.") == [("Apple M2 Max", "mobile")]


def test_a_vendor_a_curator_adds_lists_its_devices_too(tmp_path) -> None:
    from ontology.graph import use_user_ontology
    assert _found("on Quokka Q100 and Q200 servers") == []  # read once with the shipped ontology
    (tmp_path / "mine.ttl").write_text(
        'hw:quokka-npu a pg:Hardware ; pg:hardwareClass hw:class-npu ; skos:prefLabel "Quokka NPU"@en ;\n'
        '    pg:vendor "Quokka" ; pg:deviceStem "Quokka" .\n', encoding="utf-8")
    try:
        use_user_ontology(tmp_path)
        assert [name for name, _ in _found("on Quokka Q100 and Q200 servers")] == ["Quokka Q100", "Quokka Q200"]
    finally:
        use_user_ontology(None)


def test_a_product_line_in_capitals_and_a_code_with_a_letter_suffix_keep_the_model_number() -> None:
    assert [h.name for h in find_hardware("on an NVIDIA TESLA P40 (24 GB)")] == ["NVIDIA TESLA P40"]
    assert [h.name for h in find_hardware("on AMD MI210 and RX7900XTX GPUs")] == ["AMD MI210", "AMD RX7900XTX"]
    # a class word in capitals is no product line
    assert [h.name for h in find_hardware("NVIDIA GPUS A100 run it")] == ["NVIDIA A100"]


def test_a_family_known_by_a_stem_keeps_the_model_number_after_it() -> None:
    # NPU and GPU families of mobile chips, a wafer-scale system and a phone SoC named without its vendor
    assert [(h.name, h.hw_class) for h in find_hardware("on the Hexagon 612 DSP")] == [("Qualcomm Hexagon 612", "npu")]
    assert [(h.name, h.hw_class) for h in find_hardware("on a Mali-G52 GPU")] == [("Arm Mali-G52", "gpu")]
    assert [h.name for h in find_hardware("on a Cerebras CS-4 system")] == ["Cerebras CS-4"]
    assert [h.name for h in find_hardware("with its Tensor G9 chip")] == ["Google Tensor G9"]
    assert [(h.name, h.hw_class) for h in find_hardware("on an Ethos-U75 microNPU")] == [("Arm Ethos-U75", "npu")]
    assert [(h.name, h.hw_class) for h in find_hardware("on an Apple Watch Series 7")] == [
        ("Apple Watch Series 7", "mobile")]
    # the family alone stays the family
    assert [h.name for h in find_hardware("on the Hexagon NPU")] == ["Qualcomm Hexagon NPU"]


def test_a_machine_named_by_its_line_gives_way_to_the_chip_it_is_named_with() -> None:
    assert [h.name for h in find_hardware("measured on a MacBook Pro with an Apple M3 Max chip")] == ["Apple M3 Max"]
    # a machine with a model number of its own stays beside its chip, and a machine alone stays
    assert [h.name for h in find_hardware("a Google Pixel 9 Pro with its Tensor G4")] == [
        "Google Pixel 9 Pro", "Google Tensor G4"]
    assert [h.name for h in find_hardware("measured on a MacBook Pro.")] == ["Apple Mac"]


def test_memory_that_computes_is_a_memory_device_of_its_own() -> None:
    found = [(h.name, h.hw_class) for h in find_hardware("on UPMEM PIM-DIMMs and a GDDR6-AiM board")]
    assert found == [("UPMEM PIM", "memory"), ("SK hynix AiM", "memory")]
    assert [h.name for h in find_hardware("AIM: Adaptive Inference of Multi-Modal LLMs")] == []


def test_a_company_name_that_labels_its_chips_names_the_company_before_a_name_or_company_word() -> None:
    assert find_hardware("We evaluate GPT-J, Cerebras-GPT and MPT.") == []
    assert find_hardware("Graphcore Research发布了X论文") == []
    # ... in Chinese too: the company publishes, its chip runs
    assert find_hardware("某大学与寒武纪发布了X论文") == []
    assert [h.name for h in find_hardware("在寒武纪上运行")] == ["Cambricon MLU"]



def test_a_chip_s_older_name_is_the_same_device() -> None:
    assert [h.name for h in find_hardware("on a Tensor Streaming Processor (TSP)")] == ["Groq LPU"]
    # where it stands for the chip, it is the chip
    assert [h.name for h in find_hardware("It runs on Cerebras at 1,800 tokens/s.")] == ["Cerebras WSE"]
    assert [h.name for h in find_hardware("在Cerebras和Groq上运行")] == ["Cerebras WSE", "Groq LPU"]


def test_a_vendor_s_manufacturing_process_is_no_device() -> None:
    assert find_hardware("The chip is fabricated in a Samsung 5nm process.") == []
    assert [h.name for h in find_hardware("It runs on a Samsung Galaxy S21.")] == ["Samsung Galaxy S21"]


def test_a_vendor_s_name_does_not_make_its_other_devices_members_of_one_family() -> None:
    # "Samsung" marks the Galaxy phones ("Samsung S24"), but Samsung's memory is no phone
    found = {h.name: h.family for h in find_hardware("on Samsung HBM-PIM, a Samsung SmartSSD and a Samsung S24")}
    assert found["Samsung HBM-PIM"] is None and found["Samsung SmartSSD"] is None
    assert found["Samsung S24"] == "hw:samsung-galaxy"


def test_an_intel_cpu_named_by_its_microarchitecture_and_a_risc_v_vendor_s_part() -> None:
    assert [h.name for h in find_hardware("It runs 1.9x faster on an Intel Haswell CPU and on Sapphire Rapids.")] == [
        "Intel Haswell CPU", "Intel Sapphire Rapids CPU"]
    (sifive,) = find_hardware("It beats the GEMM library on a SiFive U840 RISC-V processor.")
    assert sifive.name == "SiFive U840" and sifive.hw_class == "cpu"


def test_a_supercomputer_named_by_its_own_name_is_a_device() -> None:
    assert [(h.name, h.hw_class) for h in find_hardware("We scale training on the Numbat supercomputer.")] == [
        ("Numbat supercomputer", "other")]
    assert [h.name for h in find_hardware("发布了Wombat超算大模型训练论文")] == ["Wombat supercomputer"]
    # named with its generation's number, the machine is known by it
    assert [h.name for h in find_hardware("It runs on the Bilby 4.0 supercomputer.")] == ["Bilby 4.0"]
    # a kind of machine is no name
    assert find_hardware("Chiplet designs make an ASIC supercomputer; modern supercomputers agree.") == []
    assert [h.name for h in find_hardware("It ran on the Japanese supercomputer Fugaku.")] == ["Fugaku supercomputer"]


def test_a_part_number_before_its_kind_after_a_vendor_is_that_vendor_s_device() -> None:
    # the vendor's one line of the kind's class is the family; one digit will do when letters close the part
    assert [(h.name, h.hw_class, h.family) for h in find_hardware("Measured on a Xilinx VU11P FPGA.")] == [
        ("Xilinx VU11P", "accelerator", "hw:xilinx-fpga")]
    assert _found("the QK1 board and the MAX78000 microcontroller") == [("MAX78000", "edge-device")]  # "QK1": a count
    assert _found("an INT8 FPGA design and an FP16 chip") == []  # number formats are no parts


def test_registry_devices_added_from_development_misses() -> None:
    assert _found("It runs 2.1x faster on an H20 than on the Graphcore Bow IPU and the GroqChip.") == [
        ("NVIDIA H20", "gpu"), ("Graphcore Bow IPU", "accelerator"), ("Groq LPU", "accelerator")]
    assert _found("Kernels run on an UPMEM system and on a Gemmini accelerator.") == [
        ("UPMEM PIM", "memory"), ("Gemmini", "accelerator")]
    assert _found("H2O keeps the heavy hitters of the cache.") == []  # the method, not the GPU


def test_a_stem_that_is_a_whole_model_number_names_its_chip_before_a_kind_of_chip() -> None:
    assert [(h.name, h.family) for h in find_hardware("It renders on a tablet with the M2 chip and an M4 processor.")] == [
        ("Apple M2", "hw:apple-m-series"), ("Apple M4", "hw:apple-m-series")]
    assert _found("an M1 and M2 model") == []  # no kind of chip: no device


def test_two_devices_side_by_side_that_name_one_keep_the_more_precise() -> None:
    # a line restated by its generation in parentheses, and a system named after its GPU
    assert _found("a host with Intel Xeon (Sapphire Rapids) CPUs") == [("Intel Sapphire Rapids CPU", "cpu")]
    assert _found("Against an NVIDIA A100 DGX system it halves latency.") == [("NVIDIA A100", "gpu")]
    assert _found("a Snapdragon 8 Gen 2 (Adreno 740 GPU)") == [("Qualcomm Snapdragon 8 Gen 2", "mobile"),
                                                              ("Qualcomm Adreno 740", "gpu")]


def test_a_dual_chip_card_keeps_its_duo() -> None:
    assert [h.name for h in find_hardware("It is tuned for Ascend 310P Duo cards.")] == ["Huawei Ascend 310P Duo"]


def test_a_vendor_named_as_the_publisher_is_no_device() -> None:
    assert find_hardware("Cerebras Systems发布了Numbat论文") == []
    assert find_hardware("Graphcore Research发布了Numbat论文") == []


@pytest.mark.parametrize(("text", "name", "hw_class"), [
    ("It runs on an LG V60 ThinQ phone.", "LG V60 ThinQ", "mobile"),
    ("We test a Lenovo Legion R7000P laptop.", "Lenovo Legion R7000P", "cpu"),
    ("An Odroid-XU4 board hosts it.", "Odroid-XU4", "edge-device"),
])
def test_phones_laptops_and_boards_named_by_line_and_model_number(text: str, name: str, hw_class: str) -> None:
    assert [(h.name, h.hw_class) for h in find_hardware(text)] == [(name, hw_class)]


def test_a_vendor_and_a_bare_number_is_no_phone() -> None:
    assert find_hardware("We collected it from LG 2 years ago.") == []


@pytest.mark.parametrize(("text", "names"), [
    ("It runs on the STM32F4A1ZG and STM32U5A5ZJ microcontrollers.", ["STM32F4A1ZG", "STM32U5A5ZJ"]),
    ("It serves on two NVIDIA H200 NVL cards.", ["NVIDIA H200 NVL"]),
    ("Decoding on a Motorola Razr 50 reaches 12 tokens/s.", ["Motorola Razr 50"]),
    ("Every entry ran on the Wombat QX540 low-power board.", ["QX540"]),
])
def test_a_device_keeps_its_package_code_edition_and_line(text: str, names: list[str]) -> None:
    assert [h.name for h in find_hardware(text)] == names


def test_devices_of_several_families_in_one_sentence_are_each_found_in_order() -> None:
    found = find_hardware("It runs on a Jetson AGX Orin, a Snapdragon 8 Gen 3 phone and a Jetson Nano.")
    assert [h.name for h in found] == ["NVIDIA Jetson AGX Orin", "Qualcomm Snapdragon 8 Gen 3", "NVIDIA Jetson Nano"]


def test_a_device_named_by_a_name_and_a_number_apart_before_its_kind_is_hardware() -> None:
    found = find_hardware("On an edge-class WomBoard 960 board the compiled models run 1.5x faster.")
    assert [(h.name, h.resolved) for h in found] == [("WomBoard 960", False)]
    assert find_hardware("See Table 12 board layouts.") == []
