/**
 * `--help` in Chinese: every command's and option's description, by command path, applied
 * to the finished commander tree when the language is zh (`localiseHelp`), so command files
 * keep one (English) description each and none of them needs to know about this table.
 *
 * A command or option missing here keeps its English description; `untranslated` lists
 * them, and test/cli/help-zh.test.ts fails on any. A new command or option is one line here.
 */
import type { Command, Help, Option } from 'commander';

/** Command path (`''` for ledger itself, `household add`) → its description. */
const COMMANDS: Record<string, string> = {
  '': '物业费收支账本：自管小区的物业费收取、支出报账、一事一议表决与半年收支公示',
  init: '新建账本（小区名称、物管会主任、物业费标准）；在多小区的数据库中即新增一个小区',
  role: '角色：谁管哪条线（收支两条线）',
  'role add': '任命 NAME 为 chair（物管会主任）、collector（收费记账）、reimburser（支出报账）或 supervisor（监督）',
  'role list': '列出角色',
  'role end': '换届：自某日起 NAME 不再担任 ROLE（主任操作）',
  household: '住户登记',
  'household add': '登记一户，如 1-1-101',
  'household import':
    '从 CSV（UTF-8、带 BOM 或 GBK）或 Excel（.xlsx）导入住户：房号,业主,面积,电话,入住日期（或 code,owner,area,phone,since）；全部导入或全不导入',
  'household list': '住户名单',
  'household show': '住户对账单：应收、收据、欠费或预收',
  'household transfer': '过户：自某日起该户归新业主（主任操作）',
  'household correct': '更正登记错误（主任操作）',
  'household end': '迁出、拆除或合并：自某日起该户不再登记（主任操作）',
  fee: '物业费标准',
  'fee set': '设定某年的物业费（未设定的年份按建账时的标准）',
  'fee waive': '减免某户某年的物业费（须审批）',
  bill: '开出某年的物业费账单（再次运行只给尚未开单的住户开单）',
  collect: '收费并打印收据（不写金额则收清所欠）',
  import: '导入以往记录（CSV 或 Excel .xlsx）',
  'import collections': '导入以往收费：日期,房号,金额[,付款方式,收据号]（或 date,code,amount[,method,receipt]）；CSV 或 .xlsx；全部导入或全不导入',
  'import waivers': '批量减免：房号,年份,金额,原因（或 code,year,amount,reason；金额为空则减免全部未缴）；全部导入或全不导入',
  receipt: '补打收据，如 R2022-0001（作废的注明作废）；html 格式为 A4 三联收据，可按编号范围一次打印一天的收据',
  arrears: '欠费名单：以某日为准，按年份列出各户所欠',
  void: '作废收据或支出（红冲，原记录保留并注明作废）',
  income: '登记公共收益（停车费、广告、场地租金、充电桩、废品、利息等）并开收据',
  spend: '支出报账（报账人录入，主任或监督人审批）',
  'key reset --approved-by': '第二位负责人：监督人或另一位主任',
  'void --approved-by': '审批人：物管会主任或监督人（不能是作废人本人）',
  refund: '退费：退还预收款（须审批）',
  category: '收支类别',
  'category add': '新增支出或收入类别（主任操作）',
  'category list': '列出类别',
  vote: '一事一议表决（民法典第278条）',
  'vote open': '发起表决（主任操作），编号 V<年份>-<序号>',
  'vote cast': '登记 CODE 业主的一票：同意、反对或弃权（yes/no/abstain），覆盖其名下所有房屋',
  'vote import': '导入表决票：房号,表决（同意/反对/弃权）或 code,choice；CSV（UTF-8、BOM 或 GBK）或 .xlsx；全部导入或全不导入',
  'vote close': '结束表决并固定结果（主任操作）',
  'vote show': '表决结果：各项门槛、达到的数字、是否达到',
  'vote list': '所有表决：结果、预算与已支出',
  setting: '本小区的议事规则设置',
  'setting follow-majority': '从众：未投票的业主随多数（默认关闭），对此后发起的表决有效（主任操作）',
  'setting prorate': '按月折算：年中登记或迁出的住户按在册月数计费（默认关闭）',
  verify: '核查整本账：哈希链、编号、分摊、作废、结账、数据库结构',
  log: '操作记录：谁在何时记了什么，最新的在前',
  backup: '备份：他人记账时也能得到一致的副本，备份后自动核查',
  lock: '结账：公示张贴后关闭某日及以前的账期，此后的更正记入未结账期间',
  export: '导出为 hledger/ledger 或 beancount 账本，供通用记账软件复核',
  report: '收支公示：半年、全年或任意期间',
  notice: '公告栏用的 A4 公示（HTML，中文）',
  'notice report': '收支公示，含每月收支图',
  'notice vote': '表决公示：表决事项，结束后附结果与支出',
  'notice arrears': '欠费公示：只列房号（不列姓名、电话）',
  budget: '测算某年的物业费（依据上年数字，列出每一步计算），并附按面积计的单价（元/㎡/月）',
  status: '概况：结余、本年收缴率、进行中的表决、欠费',
  key: '签名密钥',
  'key list': '每人的角色（含日期）与密钥指纹',
  'key change': '修改本人（--by）的口令',
  'key reset': '为忘记口令的人重设密钥（主任与监督人或另一位主任）',
  handover: '交接：结束交出人的角色并任命接收人，打印交接单（主任操作）',
  copy: '把本小区的整本账（全部记录与密钥）复制到另一处（数据库地址或一个新的账本文件），复制后核查、链头相同',
  district: '街道汇总',
  'district report': '街道办用的汇总表：数据库中每个小区一行',
  // commander's own `help [command]`
  help: '显示某个命令的帮助',
};

/** Options that mean the same in every command that has them: long flag → description. */
const OPTIONS: Record<string, string> = {
  '--db': '账本文件（否则用 $LEDGER_DB，再否则为当前目录的 ledger.db）',
  '--by': '经办人：谁在记账（否则用 $LEDGER_OPERATOR）',
  '--lang': '输出语言 zh（中文）或 en（英文）（否则用 $LEDGER_LANG；$LC_ALL 或 $LANG 以 en 开头时为英文，否则为中文）',
  '--json': '在标准输出上输出机器可读的 JSON',
  '--compound': '小区名称（一个数据库中有多个小区时）',
  '--help': '显示帮助',
  '--date': '日期（默认今天）',
  '--note': '备注',
  '--reason': '原因',
  '--approved-by': '审批人（主任或监督人，不能是录入人本人）',
  '--as-of': '以某日为准（默认今天）',
  '--owner': '业主',
  '--owner-id': '业主编号（区分同名业主）',
  '--area': '面积（平方米）',
  '--phone': '电话',
  '--since': '入住日期；不填则任何年份都开单',
  '--method': '付款方式：现金、微信、支付宝、银行转账、其他（也可写 cash、wechat、alipay、bank、other）',
  '--sheet': '读取 Excel（.xlsx）文件的哪个工作表（默认第一个）',
  '--days': '公示天数（公示期），默认 15 天',
  '--out': '写入文件 FILE（否则输出到屏幕）',
  '--half': '半年，如 2022H2（不写期间则为最近结束的半年）',
  '--year': '某个自然年',
  '--to': '截止日（含）',
  '--limit': '显示多少条（0：全部）',
};

/** Options whose meaning depends on the command: `path --flag` → description. */
const COMMAND_OPTIONS: Record<string, string> = {
  'init --name': '小区名称，如 工行小区',
  'init --chair': '物管会主任',
  'init --fee': '每户每年的物业费，默认 500 元',
  'init --major-threshold': '重大支出标准：达到此金额的支出须经表决，默认 2000 元',
  'collect --date': '收款日期（默认今天）',
  'collect --note': '收据上的备注',
  'income --category': '收入类别（中文或英文名称）',
  'income --from': '交款人',
  'income --date': '收款日期（默认今天）',
  'income --note': '收据上的备注',
  'spend --category': '支出类别（中文或英文名称，如 保洁、维修）',
  'spend --payee': '收款方',
  'spend --item': '事由',
  'spend --voucher': '纸质凭证号，如 记-12',
  'spend --vote': '依据的已通过表决，如 V2022-01（一事一议）',
  'spend --date': '支付日期（默认今天）',
  'void --date': '更正日期（默认今天）',
  'category add --line': '类别所属：expense（支出）或 income（收入）',
  'category add --en': '英文名称',
  'category list --line': '只列 expense（支出）或 income（收入）',
  'vote open --title': '表决事项，如 外墙雨水管更换',
  'vote open --budget': '提交业主表决的预算',
  'vote open --rule': '表决规则：general（一般事项）、special（特别事项）或 simple-majority（全体业主过半数同意）',
  'vote open --closes': '投票截止日期',
  'vote open --date': '发起日期（默认今天）',
  'vote cast --date': '投票日期（默认今天）',
  'vote import --date': '计票日期（默认今天）',
  'vote close --date': '结束日期（默认今天）',
  'verify --expect': '先前公布的链头（记录号:校验码），核对此前的历史没有被改动',
  'lock --through': '结账截止日，如 2022-12-31',
  'export --format': '格式：hledger 或 beancount',
  'export --out': '写入文件 FILE（仅本人可读），否则输出到屏幕',
  'report --half': '半年，如 2022H2（不写期间则为最近结束的半年；默认）',
  'report --from': '起始日（与 --to 同用，首尾都含）',
  'report --format': '格式：table（表格）、csv、json、md（Markdown）、html（网页）或 xlsx（Excel 工作簿，须与 --out 同用）',
  'notice report --from': '或任意期间：起始日（与 --to 同用）',
  'notice report --out': '要写入的 HTML 文件（否则输出到屏幕）',
  'notice vote --out': '要写入的 HTML 文件（否则输出到屏幕）',
  'notice arrears --out': '要写入的 HTML 文件（否则输出到屏幕）',
  'budget --reserve': '基金年末应留的储备金（默认为三个月的经常性支出，0 为不留）；提议的物业费不会让基金低于它',
  'receipt --format': '格式：text（文本）或 html（A4 三联收据：存根联、收据联、记账联）',
  'receipt --from': '起始收据号（与 --to 同用，一次打印一批收据）',
  'receipt --to': '截止收据号（含）',
  'receipt --out': '写入文件 FILE（否则输出到屏幕）',
  'import collections --allow-duplicates': '相同的行按多笔付款导入（否则拒绝，并列出重复的行号）',
  'household add --owner-id': '业主编号：区分同名业主',
  'household correct --owner': '更正后的业主',
  'household correct --area': '更正后的面积（平方米）',
  'household correct --phone': '更正后的电话',
  'household correct --owner-id': '更正后的业主编号',
  'household correct --reason': '更正原因',
  'household transfer --phone': '新业主电话',
  'household transfer --owner-id': '新业主编号（区分同名业主）',
  'household transfer --date': '过户日期（默认今天）',
  'household transfer --note': '备注',
  'household end --date': '迁出日期（默认今天）',
  'household end --reason': '原因（迁出、拆除、合并）',
  'household show --as-of': '以某日日终为准',
  'role end --date': '卸任日期（默认今天）',
  'role end --reason': '原因',
  'fee set --per': '计费方式：household（每户每年，默认）、m2-year（每平方米每年）或 m2-month（每平方米每月）',
  'household transfer --to': '新业主',
  'household list --as-of': '以某日的登记为准（默认今天）',
  'role list --as-of': '以某日为准（默认今天）',
  'handover --from': '交出人',
  'handover --to': '接收人',
  'handover --cash': '清点的现金（与账面核对）',
  'handover --out': '交接单写入 A4 HTML 文件 FILE',
  refund: '退费：退还预交的物业费（收费记账人办理，主任或监督人审批）',
  'fee waive --reason': '减免原因（如低保户、空置房）',
  'fee waive --approved-by': '审批人：物管会主任或监督人',
  'fee waive --date': '减免日期（默认今天）',
  'import waivers --approved-by': '审批人：物管会主任或监督人',
  'import waivers --date': '减免日期（默认今天）',
  'refund --reason': '退费原因',
  'refund --approved-by': '审批人：物管会主任或监督人',
  'refund --date': '退费日期（默认今天）',
  'refund --method': '退款方式：现金、微信、支付宝、银行转账、其他',
  'copy --to': '目标：数据库地址，或一个尚不存在的账本文件',
  'district report --format': '格式：table（表格）、csv、json 或 md（Markdown）',
  'district report --from': '起始日（与 --to 同用，首尾都含）',
};

/** Commander's own headings and words. */
const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
};

function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function optionText(path: string, option: Option): string | undefined {
  const flag = option.long ?? option.short ?? '';
  return COMMAND_OPTIONS[`${path} ${flag}`] ?? OPTIONS[flag];
}

function everyCommand(root: Command): Command[] {
  return [root, ...root.commands.flatMap(everyCommand)];
}

/** Every command and option left without a Chinese description: `path` or `path --flag`. */
export function untranslated(program: Command): string[] {
  const missing: string[] = [];
  for (const cmd of everyCommand(program)) {
    const path = pathOf(cmd);
    if (COMMANDS[path] === undefined) missing.push(path || '(ledger)');
    for (const o of cmd.options) if (optionText(path, o) === undefined) missing.push(`${path} ${o.long ?? o.short}`.trim());
  }
  return missing;
}

/** Width on a terminal: CJK and full-width characters take two columns. */
function displayWidth(s: string): number {
  let w = 0;
  // eslint-disable-next-line no-control-regex
  for (const ch of s.replace(/\u001b\[[0-9;]*m/g, '')) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Sets every description the table has and puts commander's own words in Chinese. */
export function localiseHelp(program: Command): void {
  const help: Partial<Help> = {
    styleTitle: (s: string) => TITLES[s] ?? s,
    displayWidth,
    optionDescription(option: Option): string {
      if (option.long === '--help') return '显示帮助';
      const shown = option.defaultValue !== undefined && (option.required || option.optional);
      const fallback = option.defaultValueDescription ?? JSON.stringify(option.defaultValue);
      return shown ? `${option.description}（默认：${fallback}）` : option.description;
    },
    subcommandDescription(sub: Command): string {
      return sub.name() === 'help' ? COMMANDS.help! : sub.description();
    },
  };
  for (const cmd of everyCommand(program)) {
    const path = pathOf(cmd);
    const zh = COMMANDS[path];
    if (zh !== undefined) cmd.description(zh);
    for (const o of cmd.options) {
      const d = optionText(path, o);
      if (d !== undefined) o.description = d;
    }
    cmd.configureHelp(help);
  }
}

