"""Chinese text for tuitrain.config, tuitrain.presets and tuitrain.experiment."""

from tuitrain import messages as m

MESSAGES: dict[str, str] = {
    m.CONFIG_NOT_FOUND: "找不到配置文件 {path}。请检查路径，或用 tuitrain --batch --out DIR 生成一份。",
    m.CONFIG_UNREADABLE: "无法读取配置文件 {path}：{detail}。",
    m.CONFIG_SYNTAX: "配置文件 {path} 不是有效的 TOML：{detail}。",
    m.CONFIG_VERSION: "{source} 的配置版本是 {version}，而当前 tuitrain 只能读取版本 {supported}。",
    m.CONFIG_UNKNOWN_KEY: "{source} 中有未知的键 '{key}'。此处可用的键：{choices}。",
    m.CONFIG_NOT_TABLE: "{source} 中的 '{key}' 必须是一个表，例如 [{key}]。",
    m.CONFIG_NOT_INTEGER: "{source} 中的 '{key}' 应为整数，实际是 {value}。",
    m.CONFIG_NOT_NUMBER: "{source} 中的 '{key}' 应为有限的数值，实际是 {value}。",
    m.CONFIG_NOT_TEXT: "{source} 中的 '{key}' 应为带引号的文本，实际是 {value}。",
    m.CONFIG_NOT_BOOL: "{source} 中的 '{key}' 应为 true 或 false，实际是 {value}。",
    m.CONFIG_NOT_LIST: "{source} 中的 '{key}' 应为列表，例如 [...]，实际是 {value}。",
    m.UNKNOWN_PRESET: "未知的预设 '{name}'。可选：{choices}。",
    m.BAD_VAL_SPLIT: "验证集比例必须大于等于 0 且小于 1，实际是 {value}。可以试试 0.2。",
    m.BAD_SCALE: "未知的缩放方式 '{value}'。请用 auto、standard 或 none。",
    m.BAD_EPOCHS_SETTING: "epoch 数必须是大于等于 0 的整数（0 表示一直训练到被停止），实际是 {value}。",
    m.RESUME_DONE: "模型已经训练了 {done} 个 epoch，而本次运行要求 {epochs} 个。请增加 epoch 数，例如 --epochs {more}。",
    m.OUT_IS_A_FILE: "--out {path} 是一个文件，不是目录。请给出目录路径，或者去掉 --out，让结果写到 runs/ 下。",
    m.OUT_HAS_RUN: "目录 {path} 里已经有一次运行的结果（{files}）。请用 --out 指定新的目录，或者加上 --overwrite 覆盖那次运行。",
    m.OUT_NOT_CREATED: "无法创建运行目录 {path}：{detail}。请用 --out 指定一个可写的目录。",
    m.RESUME_MISMATCH: "模型文件 {path} 是用 {saved} 个特征训练的，而数据有 {given} 个特征。请使用训练时的数据。",
    m.REASON_OUTPUT_GIVEN: "输出层按配置设定：{units} 个 {activation} 单元，损失函数为 {loss}。",
    m.EVALUATE_NEEDS_LABELS: "{path} 有 {features} 列，与模型的特征数相同，因此没有标签列。评估需要标签：请加上标签列，或改用 tuitrain predict。",
    m.UNKNOWN_CLASSES: "列 '{column}' 中的标签 {values} 是模型从未见过的。模型认识的类别：{known}。",
}
