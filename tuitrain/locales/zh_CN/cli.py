"""Chinese text for tuitrain.cli, tuitrain.batch and tuitrain.batch.runfolder.

Terms that Chinese deep-learning tutorials keep in English (epoch, batch size, Adam, ReLU,
CSV, JSON, NaN) stay in English here too.
"""

MESSAGES: dict[str, str] = {
    # argparse 的标题与错误
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help and exit": "显示本帮助并退出",
    "language of messages and help (default: from LC_ALL, LC_MESSAGES or LANG)":
        "消息和帮助所用的语言（默认：取自 LC_ALL、LC_MESSAGES 或 LANG）",
    "{prog}: error: {message}": "{prog}：错误：{message}",
    "Run '{prog} --help' to see the options.": "运行 '{prog} --help' 查看可用选项。",
    "unrecognized arguments: {args}": "无法识别的参数：{args}",
    "the following arguments are required: {args}": "缺少以下必需参数：{args}",
    "option {option} needs a value": "选项 {option} 需要一个值",
    "option {option} takes no value, but got {value}": "选项 {option} 不接受值，但收到了 {value}",
    "ambiguous option {option}: it could be {matches}": "选项 {option} 有歧义：可能是 {matches}",
    "{option}: {detail}": "{option}：{detail}",
    "{option} applies only with --batch": "{option} 只能与 --batch 一起使用",
    # 退出码
    "exit codes:": "退出码：",
    "  0    success": "  0    成功",
    "  1    the app could not start, or an internal error": "  1    应用无法启动，或发生内部错误",
    "  2    usage or configuration error: a bad option, config key or model file":
        "  2    用法或配置错误：选项、配置键或模型文件有误",
    "  3    data error: the data cannot be read or does not fit the loss or the model":
        "  3    数据错误：数据无法读取，或与损失函数、模型不匹配",
    "  4    training diverged (NaN or infinite loss, gradient or weights)":
        "  4    训练发散（损失、梯度或权重出现 NaN 或无穷大）",
    "  130  interrupted by Ctrl-C": "  130  被 Ctrl-C 中断",
    "  130  interrupted by Ctrl-C or SIGTERM; the run folder is still written":
        "  130  被 Ctrl-C 或 SIGTERM 中断；运行目录仍会写出",
    # 主命令的说明
    "Train small neural networks and watch them learn. Without --batch, the options set the "
    "app's first run. With --batch, tuitrain trains headless and writes a run folder. Settings "
    "apply in this order, later ones winning: the preset (default reference), then --config, "
    "then the other options.":
        "训练小型神经网络，观察它们如何学习。不带 --batch 时，这些选项设定应用中的第一次运行；"
        "带 --batch 时，tuitrain 在无界面模式下训练并写出运行目录。设置按以下顺序生效，后者覆盖"
        "前者：预设（默认 reference），然后是 --config，最后是其他选项。",
    "subcommands:": "子命令：",
    "  tuitrain predict MODEL DATA   print the model's prediction for each sample":
        "  tuitrain predict MODEL DATA   输出模型对每个样本的预测",
    "  tuitrain evaluate MODEL DATA  print the model's loss and metric on labelled data":
        "  tuitrain evaluate MODEL DATA  输出模型在带标签数据上的损失和指标",
    "  tuitrain list                 list the presets and the built-in data sets":
        "  tuitrain list                 列出预设和内置数据集",
    "train without the app, print progress and write a run folder":
        "不打开应用直接训练，输出进度并写出运行目录",
    "list the presets and data sets, then exit": "列出预设和数据集后退出",
    # 选项分组
    "run options": "运行选项",
    "data options": "数据选项",
    "model options": "模型选项",
    "training options": "训练选项",
    "output options (--batch only)": "输出选项（仅用于 --batch）",
    # 运行选项
    "start from a preset: {names} (default: reference, the tutorial's Keras example)":
        "从预设开始：{names}（默认：reference，即教程中的 Keras 示例）",
    "TOML config file, such as the config.toml of a run folder": "TOML 配置文件，例如运行目录中的 config.toml",
    "name of the run, used in the run folder's name (default: the preset's or the data's name)":
        "运行名称，用于运行目录的名称（默认：预设名或数据名）",
    "continue training a saved model.npz; --epochs counts all epochs, the saved ones included":
        "继续训练已保存的 model.npz；--epochs 计算的是全部 epoch，包括已训练的部分",
    # 数据选项
    "a generator or bundled data set ({names}), or a CSV, TSV, NPZ or IDX file":
        "生成器或内置数据集（{names}），或者 CSV、TSV、NPZ、IDX 文件",
    "label column of a CSV file, by name or index (default: the last column)":
        "CSV 文件的标签列，可用列名或序号指定（默认：最后一列）",
    "samples drawn by a generator (default: the generator's)": "生成器生成的样本数（默认：该生成器的默认值）",
    "features of the reference and blobs generators (default: 20 and 2)":
        "reference 和 blobs 生成器的特征数（默认：分别为 20 和 2）",
    "classes of the spirals and blobs generators (default: 3)": "spirals 和 blobs 生成器的类别数（默认：3）",
    "noise of a generator: a standard deviation, or the share of labels flipped for reference "
    "(default: the generator's)":
        "生成器的噪声：一个标准差；对 reference 而言是被翻转标签的比例（默认：该生成器的默认值）",
    "share of samples held out for validation, in [0, 1) (default: 0 for reference, 0.2 for the "
    "other presets)":
        "留作验证集的样本比例，取值范围 [0, 1)（默认：reference 为 0，其他预设为 0.2）",
    "standard: zero mean and unit variance, fitted on the training part; none: raw inputs; "
    "auto: none for the reference data, standard for any other (default: auto)":
        "standard：在训练部分上拟合，缩放为零均值、单位方差；none：使用原始输入；"
        "auto：reference 数据用 none，其他数据用 standard（默认：auto）",
    "missing values in a CSV file: refuse, drop the rows, or fill in the column mean "
    "(default: refuse)":
        "CSV 文件中的缺失值：refuse 报错，drop 删除所在行，mean 用列均值填充（默认：refuse）",
    "map two labels such as 1 and 2 to 0 and 1 when --loss is binary_crossentropy; "
    "with --loss auto the classes are always numbered from 0 (default: off)":
        "--loss 为 binary_crossentropy 时，把 1 和 2 这类两个标签映射为 0 和 1；"
        "--loss auto 时类别总是从 0 开始编号（默认：关闭）",
    # 模型选项
    "hidden layers, input side first, such as 64:relu,64:relu; a layer without an activation "
    "uses relu; none for no hidden layer; activations: {names} (default: {default})":
        "隐藏层，从输入侧开始列出，例如 64:relu,64:relu；不写激活函数的层使用 relu；"
        "none 表示没有隐藏层；可用激活函数：{names}（默认：{default}）",
    "units of the output layer (default: from the data)": "输出层的单元数（默认：由数据决定）",
    "activation of the output layer (default: from the data and the loss)":
        "输出层的激活函数（默认：由数据和损失函数决定）",
    "loss: {names} (default: auto, from the data)": "损失函数：{names}（默认：auto，由数据决定）",
    "weight initializer: {names} (default: glorot_uniform)": "权重初始化方法：{names}（默认：glorot_uniform）",
    "L1 penalty factor on the weights of every hidden layer (default: 0)": "每个隐藏层权重的 L1 正则化系数（默认：0）",
    "L2 penalty factor on the weights of every hidden layer (default: 0)": "每个隐藏层权重的 L2 正则化系数（默认：0）",
    "share of each hidden layer's outputs zeroed while training, in [0, 1) (default: 0)":
        "训练时每个隐藏层输出被置零的比例（dropout），取值范围 [0, 1)（默认：0）",
    # 训练选项
    "optimizer: {names} (default: adam)": "优化器：{names}（默认：adam）",
    "learning rate (default: {lr} for reference)": "学习率（默认：reference 为 {lr}）",
    "momentum of SGD and RMSprop, in [0, 1) (default: 0)": "SGD 和 RMSprop 的动量，取值范围 [0, 1)（默认：0）",
    "samples per gradient step; clamped to the training set (default: {n})":
        "每次梯度更新使用的样本数（batch size），不超过训练集大小（默认：{n}）",
    "passes over the training set; 0 trains until stopped (default: {n} for reference)":
        "遍历训练集的轮数（epoch）；0 表示一直训练到被停止（默认：reference 为 {n}）",
    "seed of the run's random generator: data, split, weights and shuffling (default: 0)":
        "本次运行随机数生成器的种子，用于数据、划分、权重和打乱顺序（默认：0）",
    "parameter type: float32 or float64 (default: float32)": "参数类型：float32 或 float64（默认：float32）",
    "learning-rate schedule: {names} (default: constant)": "学习率调度：{names}（默认：constant）",
    "factor of the step, exponential and plateau schedules (default: 0.5)":
        "step、exponential 和 plateau 调度的衰减系数（默认：0.5）",
    "epochs between two decays of the step schedule (default: 10)": "step 调度两次衰减之间的 epoch 数（默认：10）",
    "epochs without improvement before the plateau schedule lowers the learning rate (default: 5)":
        "plateau 调度在降低学习率之前等待的无改进 epoch 数（默认：5）",
    "stop after this many epochs without a lower validation loss (the training loss without "
    "validation data); 0 is off (default: 0)":
        "验证损失连续这么多个 epoch 没有下降就停止训练（没有验证数据时看训练损失）；0 表示关闭（默认：0）",
    # 输出选项
    "run folder to write (default: runs/YYYYmmdd-HHMMSS-NAME/ in the current directory)":
        "要写出的运行目录（默认：当前目录下的 runs/YYYYmmdd-HHMMSS-NAME/）",
    "replace the run files of an earlier run in the --out folder":
        "覆盖 --out 目录中以前那次运行的文件",
    "print JSON lines on stdout: one start, one per epoch and one end event":
        "在标准输出上输出 JSON Lines：一个 start 事件、每个 epoch 一个 epoch 事件和一个 end 事件",
    "print only errors, a warning when the loss rose, and the final line":
        "只输出错误、损失上升时的警告和最后一行",
    "draw the training and validation loss curves after training": "训练结束后绘制训练损失和验证损失曲线",
    # predict、evaluate 与 list
    "Print the prediction of a saved model for each sample of DATA, one line per sample: the "
    "class with its original label, or the predicted value(s). The model's saved scaler and "
    "label mapping are applied. DATA may leave out the label column.":
        "输出已保存模型对 DATA 中每个样本的预测，每个样本一行：分类任务输出原始标签表示的类别，"
        "回归任务输出预测值。会应用模型保存的缩放器和标签映射。DATA 可以不含标签列。",
    "Print the loss and the metric of a saved model on labelled DATA, applying the model's "
    "saved scaler and label mapping.":
        "输出已保存模型在带标签的 DATA 上的损失和指标，并应用模型保存的缩放器和标签映射。",
    "model file, such as runs/NAME/model.npz": "模型文件，例如 runs/NAME/model.npz",
    "a data set name or a CSV, TSV, NPZ or IDX file": "数据集名称，或者 CSV、TSV、NPZ、IDX 文件",
    "print JSON: one object per sample for predict, one object for evaluate":
        "输出 JSON：predict 每个样本一个对象，evaluate 输出一个对象",
    "List the presets and the built-in data sets.": "列出预设和内置数据集。",
    "Presets (--preset NAME):": "预设（--preset NAME）：",
    "data {source}, hidden layers {layers}, {epochs} epochs, batch size {batch_size}, "
    "learning rate {lr}":
        "数据 {source}，隐藏层 {layers}，{epochs} 个 epoch，batch size {batch_size}，学习率 {lr}",
    "Data sets (--data NAME, or a CSV, TSV, NPZ or IDX file):": "数据集（--data NAME，或 CSV、TSV、NPZ、IDX 文件）：",
    "{kind}, {task}, {samples} samples": "{kind}，{task}，{samples} 个样本",
    ", ": "，",
    "{description} ({facts})": "{description}（{facts}）",
    ", {n} classes": "，{n} 个类别",
    "generator": "生成器",
    "bundled": "内置",
    "{samples} samples - {metrics}": "{samples} 个样本 - {metrics}",
    # 错误与提示
    "tuitrain: error: {message}": "tuitrain：错误：{message}",
    "note: {message}": "提示：{message}",
    "warning: {message}": "警告：{message}",
    "Interrupted.": "已中断。",
    "tuitrain: error: the terminal app cannot start ({detail}). Use tuitrain --batch to train without it.":
        "tuitrain：错误：终端应用无法启动（{detail}）。请使用 tuitrain --batch 在无界面模式下训练。",
    "invalid learning rate '{value}': use a positive number such as 0.001 or 1e-4":
        "学习率 '{value}' 无效：请使用正数，例如 0.001 或 1e-4",
    "invalid batch size '{value}': use a whole number of at least 1, such as 32":
        "batch size '{value}' 无效：请使用不小于 1 的整数，例如 32",
    "invalid number of epochs '{value}': use a whole number of 0 or more (0 trains until stopped)":
        "epoch 数 '{value}' 无效：请使用不小于 0 的整数（0 表示一直训练到被停止）",
    "invalid validation split '{value}': use a number of at least 0 and below 1, such as 0.2":
        "验证集比例 '{value}' 无效：请使用大于等于 0 且小于 1 的数，例如 0.2",
    "invalid seed '{value}': use a whole number of 0 or more, such as 42":
        "随机种子 '{value}' 无效：请使用不小于 0 的整数，例如 42",
    "invalid patience '{value}': use a whole number of epochs of 0 or more (0 turns early "
    "stopping off)":
        "耐心值 '{value}' 无效：请使用不小于 0 的整数 epoch 数（0 表示关闭早停）",
    "invalid count '{value}': use a whole number of at least 1": "数量 '{value}' 无效：请使用不小于 1 的整数",
    "invalid value '{value}': use a number of 0 or more, such as 0.01": "值 '{value}' 无效：请使用不小于 0 的数，例如 0.01",
    "invalid value '{value}': use a number of at least 0 and below 1, such as 0.9":
        "值 '{value}' 无效：请使用大于等于 0 且小于 1 的数，例如 0.9",
    "invalid choice '{value}': use one of {choices}": "无效的取值 '{value}'：请使用以下之一：{choices}",
    "invalid layer '{item}' in --layers: write units:activation, such as 64:relu,32:tanh, or none "
    "for no hidden layer":
        "--layers 中的层 '{item}' 无效：请写成 单元数:激活函数，例如 64:relu,32:tanh；"
        "没有隐藏层时写 none",
    "invalid activation '{value}' in --layers: use one of {choices}":
        "--layers 中的激活函数 '{value}' 无效：请使用以下之一：{choices}",
    "The inputs are not scaled (the largest |x| is {scale:g}) because --scale is none. Large "
    "inputs slow training down or make it diverge. Use --scale standard.":
        "输入没有经过缩放（|x| 的最大值为 {scale}），因为 --scale 为 none。"
        "过大的输入会减慢训练，甚至导致发散。请使用 --scale standard。",
    # 训练输出
    'Model: "{name}"': '模型："{name}"',
    "Layer (type)": "层（类型）",
    "Output Shape": "输出形状",
    "Param #": "参数数量",
    "Total params: {count} ({size})": "参数总数：{count}（{size}）",
    "Trainable params: {count} ({size})": "可训练参数：{count}（{size}）",
    "Non-trainable params: {count} ({size})": "不可训练参数：{count}（{size}）",
    "Data: {facts}. Output layer: {reason}.": "数据：{facts}。输出层：{reason}。",
    ", ": "，",
    "{samples} samples ({train} for training, {val} for validation)":
        "{samples} 个样本（训练 {train} 个，验证 {val} 个）",
    "{features} features": "{features} 个特征",
    "1 feature": "1 个特征",
    "{n} classes": "{n} 个类别",
    "{n} classes, labels mapped: {mapping}": "{n} 个类别，标签映射：{mapping}",
    "classification": "分类",
    "regression": "回归",
    "Epoch {epoch}/{epochs}": "Epoch {epoch}/{epochs}",
    "Epoch {epoch}": "Epoch {epoch}",
    "completed": "已完成",
    "stopped early": "已早停",
    "interrupted": "已中断",
    "diverged": "已发散",
    "Done: {reason} after {epochs} epoch(s), {steps} steps, {seconds}s":
        "结束：{reason}，共 {epochs} 个 epoch，{steps} 步，用时 {seconds} 秒",
    "run folder: {folder}": "运行目录：{folder}",
    "the loss": "损失值",
    "the gradient": "梯度",
    "the weights": "权重",
    "tuitrain: error: training diverged in epoch {epoch}, batch {batch} (step {step}): {quantity} became "
    "NaN or infinite.":
        "tuitrain：错误：训练在第 {epoch} 个 epoch 的第 {batch} 个 batch（第 {step} 步）发散：{quantity}变成了 NaN 或无穷大。",
    "tuitrain: error: training diverged in epoch {epoch}, batch {batch} (step {step}): {quantity} became "
    "NaN or infinite in layer {layer}.":
        "tuitrain：错误：训练在第 {epoch} 个 epoch 的第 {batch} 个 batch（第 {step} 步）发散：第 {layer} 层的"
        "{quantity}变成了 NaN 或无穷大。",
    "The weights of the last finite step are saved in {folder}.": "最后一个有限值步骤的权重已保存到 {folder}。",
    "Interrupted: training stopped after the current batch. The run folder {folder} has the "
    "{epochs} completed epoch(s).":
        "已中断：训练在当前 batch 结束后停止。运行目录 {folder} 中保存了已完成的 {epochs} 个 epoch。",
    "Loss per epoch (training and validation):": "每个 epoch 的损失（训练与验证）：",
}
