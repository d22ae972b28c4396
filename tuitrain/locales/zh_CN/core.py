"""Chinese text for tuitrain.core."""

from tuitrain.core import messages

MESSAGES: dict[str, str] = {
    messages.UNKNOWN_ACTIVATION: "未知的激活函数“{name}”。可选：{choices}。",
    messages.UNKNOWN_INITIALIZER: "未知的初始化方法“{name}”。可选：{choices}。",
    messages.UNKNOWN_LOSS: "未知的损失函数“{name}”。可选：{choices}，或 auto。",
    messages.UNKNOWN_OPTIMIZER: "未知的优化器“{name}”。可选：{choices}。",
    messages.UNKNOWN_OPTIMIZER_SETTING: "优化器 {optimizer} 没有“{name}”这一参数。它的参数有：{choices}。",
    messages.UNKNOWN_SCHEDULE: "未知的学习率调度“{name}”。可选：{choices}。",
    messages.UNKNOWN_SCHEDULE_SETTING: "学习率调度 {name} 不接受参数 {settings}。",
    messages.UNKNOWN_DTYPE: "未知的数据类型 (dtype)“{name}”。可选：{choices}。",
    messages.BAD_UNITS: "每层的神经元数须为不小于 1 的整数，收到的是 {units}。",
    messages.BAD_PENALTY: "正则化系数 {name} 须为不小于 0 的数，收到的是 {value}。",
    messages.BAD_DROPOUT: "Dropout 比例须不小于 0 且小于 1，收到的是 {value}。可以试试 0.2。",
    messages.BAD_INPUT_DIM: "模型至少需要一个输入特征，收到的是 {value}。",
    messages.NO_LAYERS: "模型中没有任何层。请至少添加输出层。",
    messages.INPUT_SHAPE_MISMATCH: "模型要求每个样本有 {expected} 个特征，但数据的形状是 {shape}。",
    messages.BAD_LEARNING_RATE: "学习率须为正数，例如 0.001 或 1e-4，收到的是 {value}。",
    messages.BAD_DECAY_RATE: "{name} 须不小于 0 且小于 1，收到的是 {value}。",
    messages.BAD_NONNEGATIVE: "{name} 须为不小于 0 的数，收到的是 {value}。",
    messages.BAD_SCHEDULE_SETTING: "学习率调度参数 {name} 超出取值范围：{value}。",
    messages.BAD_PATIENCE: "早停的耐心值 (patience) 须为不小于 1 的整数个 epoch，收到的是 {value}。",
    messages.BAD_EPOCHS: "epoch 数须为不小于 1 的整数，收到的是 {value}。",
    messages.BAD_BATCH_SIZE: "batch size 须为不小于 1 的整数，收到的是 {value}。可以试试 32。",
    messages.BAD_STEP_UNIT: "单步执行的单位只能是“batch”或“epoch”，不能是“{value}”。",
    messages.BAD_DELAY: "每个 batch 之间的延迟须不小于 0 秒，收到的是 {value}。",
    messages.EMPTY_TRAINING_SET: "训练集为空。请使用更多样本，或调小验证集的划分比例。",
    messages.LENGTH_MISMATCH: "特征有 {features} 行，目标值却有 {targets} 个，两者数量必须一致。",
    messages.BCE_TARGETS_NOT_BINARY: (
        "二元交叉熵要求目标值为 0 和 1，但其中有 {values}。"
        "请把两个类别映射为 0 和 1，或者改用分类交叉熵。"
    ),
    messages.BATCH_SIZE_CLAMPED: "batch size {batch_size} 超过了训练样本数 {n}，因此每个 batch 使用全部 {n} 个样本。",
    messages.CAUSE_UNSCALED: (
        "输入特征未经缩放（|x| 的最大值为 {scale}）。请先对特征做标准化，"
        "或把学习率从 {lr} 降到 {suggested}。"
    ),
    messages.CAUSE_SGD_LR: "对 SGD 来说，学习率 {lr} 过高。可以试试 {suggested}。",
    messages.LOSS_ROSE: "训练损失在第 {epoch} 个 epoch 时从 {initial} 升到了 {loss}。对 {optimizer} 来说，学习率 {lr} 可能过高。可以试试 {suggested}。",
    messages.CAUSE_LR: "对 {optimizer} 来说，学习率 {lr} 可能过高。可以试试 {suggested}。",
    messages.MODEL_FILE_MISSING: "找不到模型文件 {path}。请检查路径，或先训练一个模型。",
    messages.MODEL_FILE_CORRUPT: "模型文件 {path} 不完整或已损坏（{detail}）。请重新保存模型。",
    messages.MODEL_FILE_FOREIGN: "文件 {path} 不是 tuitrain 的模型文件。请使用由 tuitrain 保存的文件。",
    messages.MODEL_FILE_VERSION: (
        "模型文件 {path} 的格式版本为 {version}，而当前的 tuitrain 最高只能读取版本 "
        "{supported}。请升级 tuitrain。"
    ),
}
