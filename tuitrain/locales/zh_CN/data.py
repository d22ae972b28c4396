"""Chinese text for tuitrain.data.

The keys are the constants of ``tuitrain.data.messages``, so each translation stays tied to
its English template by name.
"""

from tuitrain.data import messages as m

MESSAGES: dict[str, str] = {
    # 选择数据集
    m.UNKNOWN_SOURCE: (
        "未知的数据集 '{source}'。请从以下数据集中选择：{names}，"
        "或者给出 .csv、.tsv、.txt、.npz 或 IDX 文件的路径。"
    ),
    m.FILE_NOT_FOUND: "找不到文件 '{path}'。请检查路径，或者选择内置数据集：{names}。",
    m.UNSUPPORTED_FORMAT: (
        "文件 '{path}' 的格式不受支持。请使用 .csv、.tsv、.txt 或 .npz 文件，"
        "或者名称形如 train-images-idx3-ubyte 的 IDX 文件。"
    ),
    m.FILE_READ_FAILED: "读取 '{path}' 失败：{reason}。请确认它是可读的文件。",
    m.GZIP_INVALID: "文件 '{path}' 不是有效的 gzip 文件：{reason}。请重新下载或重新压缩。",
    m.OPTION_NOT_APPLICABLE: (
        "选项 {option} 不适用于 '{source}'。请去掉该选项，或者选择支持它的数据集：{names}。"
    ),
    m.LABEL_NOT_APPLICABLE: (
        "选项 --label 只适用于 CSV、TSV、TXT 文件和内置的真实数据集，不适用于 '{source}'。"
        "请去掉该选项。"
    ),
    m.INVALID_MISSING_MODE: "--missing 的值 '{value}' 无效。请使用 refuse、drop 或 mean。",
    m.COUNT_TOO_SMALL: "选项 {option} 至少应为 {minimum}，实际为 {value}。",
    m.NOISE_NEGATIVE: "选项 --noise 不能小于 0，实际为 {value}。",
    m.LABEL_NOISE_RANGE: (
        "对 '{source}' 而言，选项 --noise 表示被翻转的标签所占比例，必须在 0 到 1 之间，"
        "实际为 {value}。"
    ),
    # 读取 CSV、TSV 和 TXT 文件
    m.NOT_UTF8: (
        "文件 '{path}' 不是 UTF-8 文本：第 {row} 行的字节 {byte} 无法解码。"
        "请将文件另存为 UTF-8 编码（在电子表格软件中选择“CSV UTF-8”）后重新加载。"
    ),
    m.NO_DATA_ROWS: "文件 '{path}' 中没有数据行。请确认这是你要加载的文件。",
    m.TOO_FEW_COLUMNS: (
        "文件 '{path}' 按 {delimiter} 分隔后只有 {count} 列，而数据集至少需要一个特征列和"
        "一个标签列。请用逗号、分号或制表符分隔各个值。"
    ),
    m.TOO_FEW_ROWS: "文件 '{path}' 只有 {count} 行数据，训练至少需要 2 行。",
    m.RAGGED_ROW: (
        "'{path}' 的第 {row} 行有 {found} 列，而第一行有 {expected} 列。"
        "请修正该行，使每一行都有 {expected} 个值。"
    ),
    m.NON_NUMERIC_FEATURE: (
        "'{path}' 的列 '{column}' 在第 {row} 行有非数值 '{value}'。"
        "请修正该值，或者用 --label 指定标签列。"
    ),
    m.NON_FINITE_FEATURE: (
        "'{path}' 的列 '{column}' 在第 {row} 行有无穷值 '{value}'。"
        "请将它改为数值，或者清空该单元格并使用 --missing。"
    ),
    m.MISSING_VALUES: (
        "文件 '{path}' 有 {count} 个缺失值，位置为（行, 列）：{cells}。"
        "使用 --missing drop 删除这些行，或者使用 --missing mean 用列均值填充缺失的特征"
        "（标签缺失的行总会被删除）。"
    ),
    m.COLUMN_ALL_MISSING: (
        "'{path}' 的列 '{column}' 没有任何值，因此无法用均值填充。"
        "请从文件中删除该列，或者用 --label 把它指定为标签列。"
    ),
    m.TOO_FEW_ROWS_AFTER_DROP: (
        "删除 {dropped} 个含缺失值的行后，'{path}' 只剩 {left} 行，而训练至少需要 2 行。"
        "请在文件中补全缺失值。"
    ),
    m.LABEL_COLUMN_NOT_FOUND: (
        "在 '{path}' 中找不到标签列 '{label}'。文件的列为：{columns}。"
        "请用 --label 按名称或索引指定标签列（0 表示第一列，-1 表示最后一列）。"
    ),
    m.LABEL_INDEX_OUT_OF_RANGE: (
        "标签列索引 {index} 超出范围：'{path}' 只有 {count} 列。"
        "请为 --label 指定 0 到 {last} 或 -{count} 到 -1 之间的索引。"
    ),
    m.LABEL_NAME_WITHOUT_HEADER: (
        "文件 '{path}' 没有表头行，因此没有名为 '{label}' 的列。"
        "请为 --label 指定 0 到 {last} 之间的列索引，或者用 -1 表示最后一列。"
    ),
    m.LABEL_NAME_AMBIGUOUS: (
        "文件 '{path}' 中有 {count} 列都名为 '{label}'。"
        "请用 --label 按索引指定标签列（0 表示第一列）。"
    ),
    # 读取 NPZ 文件
    m.NPZ_INVALID: "文件 '{path}' 不是有效的 NPZ 归档：{reason}。请用 numpy.savez 保存。",
    m.NPZ_SINGLE_ARRAY: (
        "文件 '{path}' 只包含一个 .npy 格式的数组，而 tuitrain 需要包含数组 X 和 y 的 NPZ 归档。"
        "请用 numpy.savez(path, X=features, y=labels) 保存。"
    ),
    m.NPZ_KEYS_MISSING: (
        "文件 '{path}' 必须包含名为 X 和 y 的数组，但它包含的是：{keys}。"
        "请用 numpy.savez(path, X=features, y=labels) 保存。"
    ),
    m.NPZ_OBJECT_ARRAY: (
        "'{path}' 中的数组 '{key}' 是 Python 对象数组。加载这种数组可能执行代码，"
        "因此 tuitrain 不加载它。请保存数值数组，标签可保存为字符串数组。"
    ),
    m.NPZ_X_SHAPE: "'{path}' 中数组 X 的形状为 {shape}，但特征必须是形状为 (样本数, 特征数) 的二维数组。",
    m.NPZ_Y_SHAPE: (
        "'{path}' 中数组 y 的形状为 {shape}，但标签的形状必须是 (样本数,) 或 (样本数, 目标数)。"
    ),
    m.ARRAY_NOT_NUMERIC: "'{path}' 中数组 {key} 的 dtype 为 {dtype}，但它必须是数值。",
    m.ARRAY_NOT_FINITE: (
        "'{path}' 中的数组 {key} 含有 {count} 个 NaN 或无穷值，第一个位于第 {row} 行（从 0 开始计数）。"
        "请在训练前把它们替换为数值。"
    ),
    m.SAMPLE_COUNT_MISMATCH: (
        "'{path}' 有 {n_features} 行特征，但有 {n_labels} 个标签。特征和标签的样本数必须相同。"
    ),
    # 读取 IDX 文件（MNIST 格式）
    m.IDX_BAD_MAGIC: (
        "文件 '{path}' 不是 IDX 文件：它以 {magic} 开头，而 IDX 文件以两个零字节、"
        "一个类型码和维数开头。"
    ),
    m.IDX_UNKNOWN_TYPE: (
        "文件 '{path}' 的 IDX 类型码 {code} 未知。已知的类型码：0x08、0x09、0x0B、0x0C、0x0D、0x0E。"
    ),
    m.IDX_TRUNCATED: (
        "文件 '{path}' 不完整：文件头声明数据有 {expected} 字节，实际只有 {found} 字节。"
        "请重新下载该文件。"
    ),
    m.IDX_IMAGES_SHAPE: (
        "文件 '{path}' 有 {ndim} 个维度，而 IDX 图像文件至少有 2 个维度，"
        "例如 (图像数, 行数, 列数)。请把图像文件放在前面。"
    ),
    m.IDX_LABELS_SHAPE: (
        "文件 '{path}' 有 {ndim} 个维度，而 IDX 标签文件只有 1 个维度。"
        "请把标签文件放在图像文件之后，写成 图像文件:标签文件。"
    ),
    m.IDX_LABELS_NOT_FOUND: (
        "在 '{path}' 旁边找不到标签文件（查找了 {candidates}）。"
        "请同时给出两个文件，写成 图像文件:标签文件。"
    ),
    # 让标签与损失函数和输出层匹配
    m.UNKNOWN_LOSS: "未知的损失函数 '{loss}'。请从以下选项中选择：{names}。",
    m.SINGLE_CLASS: (
        "标签列 '{column}' 只有一个类别（{value}），而分类至少需要 2 个类别。"
        "请检查标签列，或者用 --label 选择其他列。"
    ),
    m.BCE_LABELS_NOT_BINARY: (
        "二元交叉熵要求标签为 0 和 1，但标签列 '{column}' 的取值为 {values}。"
        "请使用 --map-labels 把它们映射为 0 和 1，或者使用 --loss categorical_crossentropy。"
    ),
    m.BCE_TOO_MANY_CLASSES: (
        "二元交叉熵只适用于 2 个类别，但标签列 '{column}' 有 {n_classes} 个类别：{values}。"
        "请使用 --loss categorical_crossentropy。"
    ),
    m.OUTPUT_UNITS_MISMATCH: (
        "输出层有 {units} 个单元，但对标签列 '{column}' 使用 {loss} 需要 {expected} 个。"
        "请设置 --output-units {expected}，或者不指定该选项，由程序自动选择。"
    ),
    m.OUTPUT_ACTIVATION_MISMATCH: (
        "输出激活函数 '{activation}' 不适用于 {loss}，它需要 '{expected}'。"
        "请不要指定输出激活函数，由程序自动选择。"
    ),
    m.CLASSIFICATION_LOSS_ON_REGRESSION: (
        "损失函数 {loss} 需要类别标签，但 '{name}' 的标签列 '{column}' 是用于回归的连续值。"
        "请使用 --loss mse 或 --loss mae。"
    ),
    m.REGRESSION_LOSS_ON_TEXT: (
        "损失函数 {loss} 需要数值目标，但标签列 '{column}' 是文本标签（{values}）。"
        "请使用 --loss categorical_crossentropy 或 --loss auto。"
    ),
    # 输出层的选择理由
    m.REASON_BINARY: "2 个类别：1 个 sigmoid 单元，使用二元交叉熵",
    m.REASON_CATEGORICAL: "{n_classes} 个类别：{n_classes} 个 softmax 单元，使用分类交叉熵",
    m.REASON_REGRESSION_ONE: "1 个目标列：1 个 {activation} 单元，使用 {loss} 损失",
    m.REASON_REGRESSION_MANY: "{n_targets} 个目标列：{n_targets} 个 {activation} 单元，使用 {loss} 损失",
    m.REASON_LABELS_AS_NUMBERS: "把类别标签当作数值：1 个 {activation} 单元，使用 {loss} 损失",
    # 划分训练集和验证集
    m.VAL_SPLIT_OUT_OF_RANGE: (
        "验证集比例必须大于等于 0 且小于 1，实际为 {value}。"
        "请把 --val-split 设为 0.2 之类的值，或者设为 0 表示不使用验证集。"
    ),
    m.SPLIT_TOO_FEW_SAMPLES: (
        "划分验证集至少需要 2 个样本，但只有 {n_samples} 个。"
        "请使用 --val-split 0，不用验证集进行训练。"
    ),
    m.SPLIT_EMPTY_TRAINING: (
        "在 {n_samples} 个样本上使用验证集比例 {value} 后，训练集中没有样本。"
        "请使用 --val-split {suggestion} 或更小的值。"
    ),
    m.SPLIT_NO_VALIDATION: (
        "{n_samples} 个样本中每个类别都只有 1 个样本，分层划分后训练集或验证集总会缺少某个类别。"
        "请使用 --val-split 0。"
    ),
    # 特征缩放
    m.SCALER_FEATURE_COUNT: (
        "缩放器是在 {expected} 个特征上拟合的，但数据有 {found} 个特征。"
        "请使用与训练数据列相同的数据。"
    ),
    m.SCALER_ARRAYS_MISSING: "缺少缩放器数组 {keys}；现有的数组：{found}。",
    m.SCALER_EMPTY: "拟合缩放器至少需要 1 个样本，但数据中没有样本。",
    # 数据集说明
    m.DESCRIPTION_REFERENCE: "单位立方体中的随机点，特征之和大于特征数的一半时标签为 1",
    m.DESCRIPTION_XOR: "分布在四个象限的二维点，两个坐标符号不同时标签为 1（异或）",
    m.DESCRIPTION_CIRCLES: "分布在两个同心圆上的二维点，一个圆套在另一个圆里",
    m.DESCRIPTION_MOONS: "分布在两个相互交错的半圆上的二维点",
    m.DESCRIPTION_SPIRALS: "分布在几条螺旋臂上的二维点，每条臂一个类别",
    m.DESCRIPTION_BLOBS: "高斯团簇，每个团簇一个类别",
    m.DESCRIPTION_REGRESSION1D: "一维回归：y = sin(2x) + x/2，加高斯噪声",
    m.DESCRIPTION_REGRESSION2D: "二维回归：y = sin(x1) cos(x2) + (x1 + x2)/4，加高斯噪声",
    m.DESCRIPTION_IRIS: "鸢尾花：150 个样本，4 项测量值，3 个品种（Fisher 1936，UCI，CC BY 4.0）",
    m.DESCRIPTION_WINE: "葡萄酒：178 个样本，13 项化学测量值，3 个品种（Forina 等，UCI，CC BY 4.0）",
    m.DESCRIPTION_BREAST_CANCER: (
        "威斯康星乳腺癌诊断：569 个样本，30 个细胞核特征，恶性或良性"
        "（Wolberg 等 1995，UCI，CC BY 4.0）"
    ),
    m.DESCRIPTION_DIGITS: (
        "手写数字：1797 张 8x8 像素的图像，10 个类别（Alpaydin 和 Kaynak 1998，UCI，CC BY 4.0）"
    ),
    m.DESCRIPTION_FILE: "来自文件 {path} 的数据",
}
