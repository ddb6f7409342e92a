"""find_quantities: units, measure words, qualifiers, ranges, 分别 lists, changes, targets and
exclusions, as tables of examples from the reference document, State Council and provincial
reports."""
from __future__ import annotations

from decimal import Decimal

import pytest

from govextract.extract.quantities import find_quantities
from govextract.normalise import normalise
from govextract.rules import load_rules

D = Decimal


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def run(text, rules):
    text = normalise(text).text
    qs, ex = find_quantities(text, rules)
    for q in qs:
        assert text[q.start:q.end] == q.text
    for e in ex:
        assert text[e.start:e.end] == e.text
    return qs, ex


# id, source, text, expected [(text, value, unit)]
UNITS = [
    ("percent", "jiading_2024.txt", "区环境空气质量优良率为88.6%", [("88.6%", D("88.6"), "%")]),
    ("percent-fullwidth", "PDF text", "增长７．７％", [("7.7%", D("7.7"), "%")]),
    ("percent-baifenzhi", "bulletin", "占比达到百分之五十", [("百分之五十", D(50), "%")]),
    ("pp", "jiading_2024.txt", "同比上升2.8个百分点", [("2.8个百分点", D("2.8"), "百分点")]),
    ("pp-bare", "state_council_2018.txt", "比去年预算低0.4百分点", [("0.4百分点", D("0.4"), "百分点")]),
    ("concentration", "jiading_2024.txt", "PM2.5平均浓度为29.4微克/立方米", [("29.4微克/立方米", D("29.4"), "微克/立方米")]),
    ("concentration-latin", "bulletin", "PM2.5年均浓度为35μg/m3", [("35μg/m3", D(35), "微克/立方米")]),
    ("concentration-mg-l", "bulletin", "化学需氧量浓度为15mg/L", [("15mg/L", D(15), "mg/L")]),
    ("length", "jiading_2024.txt", "完成全区1976.36公里入河排污口排查", [("1976.36公里", D("1976.36"), "公里")]),
    ("length-wan", "state_council_2018.txt", "高速公路里程从9.6万公里增加到13.6万公里",
     [("9.6万公里", D(96000), "公里"), ("13.6万公里", D(136000), "公里")]),
    ("money-wanyuan", "jiading_2024.txt", "没收违法所得11.7765万元", [("11.7765万元", D(117765), "元")]),
    ("money-yiyuan", "issue 3", "投入1.2亿元", [("1.2亿元", D(120000000), "元")]),
    ("money-wanyi", "state_council_2018.txt", "国内生产总值从54万亿元增加到82.7万亿元",
     [("54万亿元", D(54000000000000), "元"), ("82.7万亿元", D(82700000000000), "元")]),
    ("money-bare-wan", "jiading_2024.txt", "罚款金额1096.7622万，", [("1096.7622万", D(10967622), "元")]),
    ("money-dollar", "state_council_2018.txt", "实际使用外资1363亿美元", [("1363亿美元", D(136300000000), "美元")]),
    ("money-yuan", "jiading_2024.txt", "涉及赔偿总金额47000余元", [("47000余元", D(47000), "元")]),
    ("people-wan", "state_council_2018.txt", "城镇新增就业1351万人", [("1351万人", D(13510000), "人")]),
    ("people-implicit-before", "state_council_2018.txt", "贫困人口减少6800多万，", [("6800多万", D(68000000), "人")]),
    ("people-implicit-after", "state_council_2018.txt", "8000多万农业转移人口成为城镇居民", [("8000多万", D(80000000), "人")]),
    ("visits-implicit", "state_council_2018.txt", "出境旅游人次由8300万增加到1亿3千多万。",
     [("8300万", D(83000000), "人次"), ("1亿3千多万", D(130000000), "人次")]),
    ("mass-wandun", "issue 3", "削减约1.2万吨", [("约1.2万吨", D(12000), "吨")]),
    ("mass-jin", "state_council_2018.txt", "粮食生产能力达到1.2万亿斤", [("1.2万亿斤", D(1200000000000), "斤")]),
    ("power-wan-qianwa", "state_council_2018.txt", "淘汰关停不达标的30万千瓦以下煤电机组", [("30万千瓦以下", D(300000), "千瓦")]),
    ("energy-kwh", "provincial report", "外送电量1200亿千瓦时", [("1200亿千瓦时", D(120000000000), "千瓦时")]),
    ("voltage", "provincial report", "建成1000千伏特高压", [("1000千伏", D(1000), "千伏")]),
    ("area-mu", "state_council_2018.txt", "森林面积增加1.63亿亩", [("1.63亿亩", D(163000000), "亩")]),
    ("area-km2", "state_council_2018.txt", "沙化土地面积年均缩减近2000平方公里", [("近2000平方公里", D(2000), "平方公里")]),
    ("area-m2", "provincial report", "改造老旧小区5.6万平方米", [("5.6万平方米", D(56000), "平方米")]),
    ("area-hectare", "provincial report", "完成造林10万公顷", [("10万公顷", D(100000), "公顷")]),
    ("volume", "provincial report", "新增供水能力1.5亿立方米", [("1.5亿立方米", D(150000000), "立方米")]),
    ("age", "state_council_2018.txt", "人均预期寿命达到76.7岁", [("76.7岁", D("76.7"), "岁")]),
    ("multiple", "provincial report", "技术合同成交额增长1.2倍", [("1.2倍", D("1.2"), "倍")]),
    ("multiple-chinese", "state_council_2018.txt", "有效发明专利拥有量增加两倍", [("两倍", D(2), "倍")]),
    ("multiple-one", "state_council_2018.txt", "高技术产业占比提高一倍", [("一倍", D(1), "倍")]),
    ("share-cheng", "xinjiang_2026.txt", "占全国近三成", [("近三成", D(3), "成")]),
    ("duration-years", "state_council_2018.txt", "土地承包到期后再延长30年的政策", [("30年", D(30), "年")]),
    ("duration-near", "GUIDE.md", "近3年累计投入", [("近3年", D(3), "年")]),
    ("duration-months", "anhui_2026.txt", "连续18个月保持增长", [("18个月", D(18), "个月")]),
    ("duration-days", "provincial report", "优良天数325天", [("325天", D(325), "天")]),
    ("duration-hours", "provincial report", "实现24小时服务", [("24小时", D(24), "小时")]),
    ("negative-growth", "statistical bulletin", "全年增长-3.2%，", [("-3.2%", D("-3.2"), "%")]),
    ("negative-paren", "statistical bulletin", "（-0.5%）", [("-0.5%", D("-0.5"), "%")]),
    ("hyphen-not-negative", "bulletin", "2024年-2025年", []),
    ("pp-chinese-one", "state council style", "提高一个百分点", [("一个百分点", D(1), "百分点")]),
    ("percent-baifenzhi-one", "report", "占百分之一", [("百分之一", D(1), "%")]),
    ("length-inch", "anhui_2026.txt", "芯联12英寸特色工艺生产线", [("12英寸", D(12), "英寸")]),
    ("compute-p", "anhui_2026.txt", "新增智能算力1.7万P。", [("1.7万P", D(17000), "P")]),
    ("chinese-point-pp", "spoken report", "比上年增长三点五个百分点", [("三点五个百分点", D("3.5"), "百分点")]),
    ("chinese-point-physical", "weather bulletin", "全年降雨量一千二百点五毫米", [("一千二百点五毫米", D("1200.5"), "毫米")]),
]

COUNTS = [
    ("count-ge", "jiading_2024.txt", "3个国考断面和18个市考断面全部达标", [("3个", D(3), "个"), ("18个", D(18), "个")]),
    ("count-geci", "jiading_2024.txt", "累计梳理复核历史点位817个次", [("817个次", D(817), "个次")]),
    ("count-ge-pici", "jiading_2024.txt", "陪同督察组下沉检查14个批次", [("14个批次", D(14), "批次")]),
    ("count-renci", "jiading_2024.txt", "出动检查人员1325人次", [("1325人次", D(1325), "人次")]),
    ("count-liangci", "jiading_2024.txt", "完成柴油车路检路查1519辆次", [("1519辆次", D(1519), "辆次")]),
    ("count-huci", "jiading_2024.txt", "开展年检站检查74户次", [("74户次", D(74), "户次")]),
    ("count-jiaci", "jiading_2024.txt", "共检查企业1791家次", [("1791家次", D(1791), "家次")]),
    ("count-changci", "jiading_2024.txt", "其中青少年参观93场次", [("93场次", D(93), "场次")]),
    ("count-lunci", "jiading_2024.txt", "组织实施34轮次攻坚行动", [("34轮次", D(34), "轮次")]),
    ("count-pi-xiang", "jiading_2024.txt", "牵头完成资料调阅任务26批133项", [("26批", D(26), "批"), ("133项", D(133), "项")]),
    ("count-tao-jia", "jiading_2024.txt", "完成20套VOCs简易治理设施建设，推动13家企业", [("20套", D(20), "套"), ("13家", D(13), "家")]),
    ("count-tai", "jiading_2024.txt", "累计受理审核非道路移动机械25167台", [("25167台", D(25167), "台")]),
    ("count-zhang-fen", "jiading_2024.txt", "核发排污许可证219张，评审报告68份", [("219张", D(219), "张"), ("68份", D(68), "份")]),
    ("count-zhong-qi", "jiading_2024.txt", "陆生生物1046种，启动磋商赔偿3起", [("1046种", D(1046), "种"), ("3起", D(3), "起")]),
    ("count-ren", "jiading_2024.txt", "参观人数9395人", [("9395人", D(9395), "人")]),
    ("count-ming-zuo", "provincial report", "培训教师500名，新建水库3座", [("500名", D(500), "名"), ("3座", D(3), "座")]),
    ("count-tiao-chu-suo", "provincial report", "新开航线15条，整治隐患120处，新建学校17所",
     [("15条", D(15), "条"), ("120处", D(120), "处"), ("17所", D(17), "所")]),
    ("count-hu-tou", "provincial report", "帮扶农户1.2万户，存栏牛10万头", [("1.2万户", D(12000), "户"), ("10万头", D(100000), "头")]),
    ("count-chinese", "jiading_2024.txt", "在空间布局等八个重点领域全力推进", [("八个", D(8), "个")]),
    ("count-chinese-liang", "provincial report", "新增两家上市公司", [("两家", D(2), "家")]),
    ("count-da-arabic", "jiading_2024.txt", "排查全区6大重点区域", [("6大", D(6), "大")]),
    ("count-da-chinese", "jiading_2024.txt", "大力推进大气治理六大专项行动", [("六大", D(6), "大")]),
    ("count-da-shi", "jiading_2024.txt", "入选全市十大生态环境领域优秀案例", [("十大", D(10), "大")]),
    ("count-da-sc", "state_council_2018.txt", "坚决打好三大攻坚战", [("三大", D(3), "大")]),
    ("count-levels", "jiading_2024.txt", "切实落实市区两级优化营商环境实施方案", [("两级", D(2), "级")]),
    ("count-places", "jiading_2024.txt", "嘉昆太三地生态环境局联合印发", [("三地", D(3), "地")]),
    ("count-bu", "state_council_2018.txt", "制定修订法律95部", [("95部", D(95), "部")]),
    ("count-wan-ge-yu", "jiading_2024.txt", "共获得各类监测数据9.5万余个", [("9.5万余个", D(95000), "个")]),
    ("count-duo-ge", "provincial report", "建成30多个产业园区", [("30多个", D(30), "个")]),
    ("count-wan-duo-tao", "state_council_2018.txt", "棚户区住房改造2600多万套", [("2600多万套", D(26000000), "套")]),
    ("count-qian-duo-hu", "state_council_2018.txt", "日均新设企业由5千多户增加到1万6千多户",
     [("5千多户", D(5000), "户"), ("1万6千多户", D(16000), "户")]),
    ("count-yi-duo-ren", "state_council_2018.txt", "社会养老保险覆盖9亿多人", [("9亿多人", D(900000000), "人")]),
    ("count-dalei", "provincial report", "提出五大类21个主要指标", [("五大类", D(5), "大类"), ("21个", D(21), "个")]),
    ("count-dui", "fujian_2026.txt", "国际友城达137对", [("137对", D(137), "对")]),
    ("count-kuan", "chongqing_2026.txt", "名优百品40款", [("40款", D(40), "款")]),
    ("count-user-unit-not-geren", "provincial report", "个人所得税", []),
    ("count-da-quoted", "state_council_2016.txt", "长江经济带发展“三大战略”", [("三大", D(3), "大")]),
    ("count-da-quoted-award", "xinjiang_2026.txt", "锁边工程入选“2025全球十大工程成就”", [("十大", D(10), "大")]),
    ("count-sheng", "state_council_2016.txt", "促进西藏和四省藏区、新疆发展", [("四省", D(4), "省")]),
    ("count-sheng-not-level", "provincial report", "三省级重点项目", []),
    ("rate-per-year", "xinjiang_2026.txt", "国能准东20亿立方米/年煤制天然气项目",
     [("20亿立方米/年", D(2000000000), "立方米/年")]),
    ("rate-per-day", "bulletin", "新增污水处理能力5万吨/日", [("5万吨/日", D(50000), "吨/日")]),
    ("ratio", "yunnan_2026.txt", "城乡居民收入比由2.9∶1缩小至2.52∶1",
     [("2.9∶1", D("2.9"), ""), ("2.52∶1", D("2.52"), "")]),
    ("ratio-not-ten", "bulletin", "按1:10配套", []),
    ("duration-year-zhong", "state_council_2008.txt", "五年中央财政用于科技的投入达到3406亿元",
     [("五年", D(5), "年"), ("3406亿元", D(340600000000), "元")]),
    ("duration-tiqian-yinian", "state_council_2008.txt", "青藏铁路提前一年建成通车", [("一年", D(1), "年")]),
]

QUALIFIERS = [
    # id, source, text, expected [(text, value, unit)], expected approx per quantity
    ("approx-yu", "jiading_2024.txt", "组织250余家区管辐射单位", [("250余家", D(250), "家")], ["余"]),
    ("approx-yu-wan", "jiading_2024.txt", "各类应急物资4000余件", [("4000余件", D(4000), "件")], ["余"]),
    ("approx-duo", "state_council_2018.txt", "安置分流职工110多万人", [("110多万人", D(1100000), "人")], ["多"]),
    ("approx-jin", "state_council_2018.txt", "近6000万低保人员", [("近6000万", D(60000000), "人")], ["近"]),
    ("approx-yue", "issue 3", "约1.2万吨", [("约1.2万吨", D(12000), "吨")], ["约"]),
    ("approx-chao", "anhui_2026.txt", "减税降费及退税超1000亿元", [("超1000亿元", D(100000000000), "元")], ["超"]),
    ("approx-chaoguo", "state_council_2018.txt", "累计减税超过2万亿元", [("超过2万亿元", D(2000000000000), "元")], ["超"]),
    ("approx-yu-prefix", "provincial report", "惠及逾100万人", [("逾100万人", D(1000000), "人")], ["逾"]),
    ("approx-yishang", "state_council_2018.txt", "涉企收费项目60%以上", [("60%以上", D(60), "%")], ["以上"]),
    ("approx-zuoyou", "state_council_2018.txt", "国内生产总值增长6.5%左右", [("6.5%左右", D("6.5"), "%")], ["左右"]),
    ("approx-buzu", "provincial report", "占比不足5%", [("不足5%", D(5), "%")], ["不足"]),
    ("approx-wan-yishang", "state_council_2018.txt", "城镇新增就业1100万人以上", [("1100万人以上", D(11000000), "人")], ["以上"]),
    ("approx-none", "jiading_2024.txt", "办结率达到86.8%", [("86.8%", D("86.8"), "%")], [""]),
    ("fraction", "state_council_2016.txt", "行政审批事项减少三分之一", [("三分之一", D(1) / D(3), "")], [""]),
    ("fraction-yishang", "state_council_2018.txt", "开办时间缩短三分之一以上", [("三分之一以上", D(1) / D(3), "")], ["以上"]),
    ("fraction-decimal-numerator", "constructed", "降至3分之1.5", [("3分之1.5", D("0.5"), "")], [""]),
    ("fraction-cn-decimal-numerator", "constructed", "约为三分之一点五", [("三分之一点五", D("0.5"), "")], [""]),
    ("fraction-half", "state_council_2012.txt", "一半以上在中西部", [("一半以上", D("0.5"), "")], ["以上"]),
    ("fraction-not-percent", "bulletin", "百分之五十", [("百分之五十", D(50), "%")], [""]),
    ("fraction-not-year-and-half", "bulletin", "这一半年来", [], []),
    ("bare-magnitude-not-scale-class", "jiangsu_2026.txt", "一般公共预算收入达万亿级规模", [], []),
    ("bare-magnitude-qianyi", "henan_2026.txt", "争取国家政策性资金超千亿元", [("超千亿元", D(10**11), "元")], ["超"]),
    ("bare-magnitude-wanyi", "henan_2026.txt", "旅游收入超万亿元", [("超万亿元", D(10**12), "元")], ["超"]),
    ("bare-magnitude-baiyi", "bulletin", "投资近百亿元", [("近百亿元", D(10**10), "元")], ["近"]),
    ("bare-magnitude-class", "state_council_2008.txt", "建成万吨级以上泊位568个",
     [("万吨", D(10000), "吨"), ("568个", D(568), "个")], ["", ""]),
    ("bare-magnitude-threshold", "jiangxi_2026.txt", "亿元以上项目", [("亿元以上", D(10**8), "元")], ["以上"]),
    ("bare-magnitude-not-shangwan", "bulletin", "上万人以上", [], []),
    ("bare-magnitude-physical", "state_council_2012.txt", "连续5年超万亿斤", [("5年", D(5), "年"), ("超万亿斤", D(10**12), "斤")], ["", "超"]),
]

RANGES = [
    # id, source, text, expected [(text, value, value_max, unit)]
    ("range-percent-dash", "provincial report", "增长4.5%—5%", [("4.5%—5%", D("4.5"), D(5), "%")]),
    ("range-percent-hyphen", "provincial report", "增长5%-5.5%", [("5%-5.5%", D(5), D("5.5"), "%")]),
    ("range-count", "issue 3", "培育3-5个产业集群", [("3-5个", D(3), D(5), "个")]),
    ("range-zhi", "provincial report", "用3至5年时间", [("3至5年", D(3), D(5), "年")]),
    ("range-shared-multiplier", "provincial report", "每户补贴3-5万元", [("3-5万元", D(30000), D(50000), "元")]),
    ("range-dao", "state_council_2009.txt", "每50公斤提高5到7元", [("50公斤", D(50), None, "千克"), ("5到7元", D(5), D(7), "元")]),
    ("range-tilde", "bulletin", "控制在2～3个百分点", [("2～3个百分点", D(2), D(3), "百分点")]),
    ("range-chinese", "state council style", "用三至五年时间", [("三至五年", D(3), D(5), "年")]),
    ("range-years-excluded", "jiading_2024.txt", "2024-2026年期间", []),
    ("range-not-descending", "bulletin", "完成5-3个", [("3个", D(3), None, "个")]),
]

LISTS = [
    # id, source, text, expected [(text, value, unit, change)]
    ("fenbie-percent", "issue 3", "城镇、农村居民人均可支配收入分别增长5.1％、6.2％",
     [("5.1%", D("5.1"), "%", "up"), ("6.2%", D("6.2"), "%", "up")]),
    ("fenbie-yuan", "issue 3", "分别完成37820元、28104元", [("37820元", D(37820), "元", ""), ("28104元", D(28104), "元", "")]),
    ("fenbie-shared-unit", "provincial report", "分别下降3.2、4.5个百分点",
     [("3.2", D("3.2"), "百分点", "down"), ("4.5个百分点", D("4.5"), "百分点", "down")]),
    ("fenbie-shared-multiplier", "provincial report", "产量分别为1.2、1.5万吨",
     [("1.2", D(12000), "吨", ""), ("1.5万吨", D(15000), "吨", "")]),
    ("list-counts", "jiading_2024.txt", "区人大代表建议2件、区政协提案4件", [("2件", D(2), "件", ""), ("4件", D(4), "件", "")]),
    ("list-anhui", "anhui_2026.txt", "制造业、普惠小微贷款余额分别增长10.7%、13.3%",
     [("10.7%", D("10.7"), "%", "up"), ("13.3%", D("13.3"), "%", "up")]),
]

CHANGES = [
    # id, source, text, expected change of each quantity
    ("up-shangsheng", "jiading_2024.txt", "优良率为88.6%，同比上升2.8个百分点", ["", "up"]),
    ("down-improve-concentration", "jiading_2024.txt", "PM2.5平均浓度为29.4微克/立方米，同比改善5.2%", ["", "down"]),
    ("up-improve-rate", "bulletin", "优良天数比例同比改善3.1个百分点", ["up"]),
    ("down-xiajiang", "provincial report", "PM2.5浓度同比下降12.3%", ["down"]),
    ("up-zengzhang", "anhui_2026.txt", "全省地区生产总值5.3万亿元、增长5.5%", ["", "up"]),
    ("down-jianshao", "state_council_2018.txt", "企业投资项目减少90%", ["down"]),
    ("down-yajian", "state_council_2018.txt", "行政审批中介服务事项压减74%", ["down"]),
    ("up-nianjun", "state_council_2018.txt", "年均增长7.1%", ["up"]),
    ("up-tigao", "state_council_2018.txt", "清洁能源消费比重提高6.3个百分点", ["up"]),
    ("up-shangzhang", "state_council_2018.txt", "居民消费价格年均上涨1.9%", ["up"]),
    ("level-zengjiadao", "state_council_2018.txt", "财政收入从11.7万亿元增加到17.3万亿元", ["", ""]),
    ("level-xiajiangdao", "state_council_2018.txt", "贫困发生率由10.2%下降到3.1%", ["", ""]),
    ("level-jiangzhi", "provincial report", "失业率降至4.5%", [""]),
    ("level-plain", "jiading_2024.txt", "新增联动园区1个", [""]),
    ("level-jianshui", "state_council_2018.txt", "累计减税超过2万亿元", [""]),
]

TARGETS = [
    # id, source, text, expected target of each quantity
    ("target-yuqi", "state_council_2018.txt", "今年发展的主要预期目标是：国内生产总值增长6.5%左右；居民消费价格涨幅3%左右",
     [True, True]),
    ("target-lizheng", "provincial report", "力争全年完成投资1000亿元", [True]),
    ("target-ni", "state_council_2018.txt", "今年赤字率拟按2.6%安排", [True]),
    ("result", "state_council_2018.txt", "国内生产总值增长6.9%，居民收入增长7.3%", [False, False]),
    ("result-after-target-sentence", "report", "目标是增长5%。实际增长5.2%", [True, False]),
]

EXCLUSIONS = [
    # id, source, text, expected quantity texts, a rule expected among the exclusions (or None)
    ("year", "jiading_2024.txt", "2024年，区环境空气质量", [], "years"),
    ("plan-name-eight-rules", "henan_2026.txt", "深入贯彻中央八项规定精神", [], "plans"),
    ("plan-name-three-year", "henan_2026.txt", "全力打好治本攻坚三年行动收官战", [], "plans"),
    ("plan-name-school-system", "state_council_2012.txt", "全面实现九年制义务教育", [], "names"),
    ("duration-not-a-plan", "henan_2026.txt", "用3年时间完成", [("3年", D(3), "年")], None),
    ("year-du", "jiading_2024.txt", "2024年度全面从严治党", [], "years"),
    ("year-chinese", "gansu_2026.txt", "二〇二六年一月二十七日", [], "years"),
    ("date", "jiading_2024.txt", "2025年2月28日", [], "dates"),
    ("month-from", "jiading_2024.txt", "5月起对试点地块", [], "dates"),
    ("quarter", "provincial report", "接续实施一季度良好开局", [], None),
    ("doc-number", "jiading_2024.txt", "嘉环〔2025〕3号", [], "doc_numbers"),
    ("doc-number-inline", "jiading_2024.txt", "实施意见（嘉府办发〔2024〕18号）", [], "doc_numbers"),
    ("serial-plot", "jiading_2024.txt", "推动保障嘉定新城14-4地块落地", [], "serials"),
    ("outline-paren", "jiading_2024.txt", "（一）加强政治思想建设", [], None),
    ("outline-dun", "jiading_2024.txt", "一、高站位强化政治责任担当", [], None),
    ("outline-dot-year", "hunan_2026.txt", "20.2026年10件民生实事", [("10件", D(10), "件")], "outline"),
    ("note-marker", "hainan_2026.txt", "“两新”［15］政策", [], None),
    ("ordinal-di", "jiading_2024.txt", "成为第一批生态环境保护综合行政执法机构", [], "ordinals"),
    ("ordinal-rank", "anhui_2026.txt", "增速居全国第4位", [], "ordinals"),
    ("ordinal-first-batch", "provincial report", "首批10个未来产业先导区", [("10个", D(10), "个")], None),
    ("once-pass-rate", "jiading_2024.txt", "一次通过率91.18%", [("91.18%", D("91.18"), "%")], None),
    ("article-xiang", "jiading_2024.txt", "把督察工作作为一项重要政治任务", [], "article"),
    ("article-pi", "jiading_2024.txt", "推动一批重点项目落地", [], "article"),
    ("article-year", "state_council_2018.txt", "政府工作在新的一年要有新气象", [], "article"),
    ("names-shisiwu", "jiading_2024.txt", "深入实施“十四五”规划", [], None),
    ("names-ershida", "jiading_2024.txt", "全面贯彻落实党的二十大精神", [], "names"),
    ("names-sanxianyidan", "jiading_2024.txt", "有效实施“三线一单”分区管控", [], None),
    ("names-sanhuiyike", "jiading_2024.txt", "严格执行三会一课制度", [], None),
    ("names-yiwangtongban", "jiading_2024.txt", "深入推进一网通办", [], None),
    ("names-pm25", "jiading_2024.txt", "推进臭氧和PM2.5协同治理", [], "letters"),
    ("names-pm25-underscore", "hebei_2026.txt", "PM_2.5年均浓度下降", [], "letters"),
    ("names-class-iii", "jiading_2024.txt", "优III类水质断面比例100%", [("100%", D(100), "%")], None),
    ("names-hotline-quoted", "jiading_2024.txt", "受理“12345”市民热线投诉举报1117件", [("1117件", D(1117), "件")], "hotlines"),
    ("names-hotline", "jiangsu_2026.txt", "建强12345热线", [], "hotlines"),
    ("names-f1", "jiading_2024.txt", "打造F1中国大奖赛", [], "letters"),
    ("names-environment-day", "jiading_2024.txt", "举办六五环境日主题宣传活动", [], None),
    ("names-three-star", "jiading_2024.txt", "成功建设为“三星”宁静小区", [], None),
    ("names-5g", "provincial report", "建成5G基站8.99万个", [("8.99万个", D(89900), "个")], None),
    ("names-m2", "state_council_2018.txt", "广义货币M2增速", [], "letters"),
    ("names-5a", "anhui_2026.txt", "国家5A级旅游景区增至12家", [("12家", D(12), "家")], "letters"),
    ("names-compulsory-education", "provincial report", "九年义务教育巩固率达到96%", [("96%", D(96), "%")], None),
    ("names-tertiary-industry", "state_council_2018.txt", "转向依靠三次产业共同带动", [], "names"),
    ("names-parts", "provincial report", "关键零部件进口", [], None),
    ("names-phase", "gansu_2026.txt", "兰州中川国际机场三期建成投运", [], "names"),
    ("names-flood-standard", "xizang_2026.txt", "防洪标准提高到五十年一遇", [], "standards"),
    ("names-two-digits", "anhui_2026.txt", "连续18个月保持两位数增长", [("18个月", D(18), "个月")], None),
    ("grade-not-count", "provincial report", "90%的县医院达到三级医院服务能力水平", [("90%", D(90), "%")], None),
    ("session", "anhui_2026.txt", "按照省委十一届十次、十一次全会部署要求", [], "sessions"),
    ("plenum", "provincial report", "贯彻党的二十届四中全会精神", [], "ordinals"),
    ("quoted-slogan", "anhui_2026.txt", "推出稳经济“30条”和“双20条”政策", [], "quoted"),
    ("quoted-outside-counts", "state_council_2018.txt", "污染防治三个“十条”并取得扎实成效", [("三个", D(3), "个")], "quoted"),
    ("title", "jiading_2024.txt", "编制《美丽嘉定三年行动计划（2024-2026年）》，共计安排项目82个",
     [("82个", D(82), "个")], "titles"),
    ("vague", "provincial report", "建成数十个示范区", [], "vague"),
    ("zero-carbon", "jiading_2024.txt", "远香湖水质自动监测子站近零碳示范项目", [], None),
    ("not-geren", "report", "个人所得税专项附加扣除", [], None),
    ("relative-date", "state_council_2016.txt", "相当于5年前1.5个百分点、10年前2.5个百分点的增量",
     [("1.5个百分点", D("1.5"), "百分点"), ("2.5个百分点", D("2.5"), "百分点")], "relative_dates"),
    ("not-ordinal-tiqian", "provincial report", "提前3年完成目标", [("3年", D(3), "年")], None),
    ("not-ordinal-ciqian", "provincial report", "此前5个项目已投产", [("5个", D(5), "个")], None),
    ("ordinal-qian", "provincial report", "排名前10位", [], "ordinals"),
    ("names-congress-16", "state_council_2008.txt", "认真贯彻党的十六大精神", [], "names"),
    ("anniversary", "state_council_2016.txt", "纪念中国人民抗日战争暨世界反法西斯战争胜利70周年", [], "anniversaries"),
    ("year-zhong", "bulletin", "2024年中完成", [], "years"),
]


def _ids(rows):
    return [r[0] for r in rows]


@pytest.mark.parametrize("text, expected", [r[2:4] for r in UNITS + COUNTS], ids=_ids(UNITS + COUNTS))
def test_units_and_counts(rules, text, expected):
    qs, _ = run(text, rules)
    assert [(q.text, q.value, q.unit) for q in qs] == expected


@pytest.mark.parametrize("text, expected, approx", [r[2:5] for r in QUALIFIERS], ids=_ids(QUALIFIERS))
def test_qualifiers(rules, text, expected, approx):
    qs, _ = run(text, rules)
    assert [(q.text, q.value, q.unit) for q in qs] == expected
    assert [q.approx for q in qs] == approx


@pytest.mark.parametrize("text, expected", [r[2:4] for r in RANGES], ids=_ids(RANGES))
def test_ranges(rules, text, expected):
    qs, _ = run(text, rules)
    assert [(q.text, q.value, q.value_max, q.unit) for q in qs] == expected


@pytest.mark.parametrize("text, expected", [r[2:4] for r in LISTS], ids=_ids(LISTS))
def test_lists(rules, text, expected):
    qs, _ = run(text, rules)
    assert [(q.text, q.value, q.unit, q.change) for q in qs] == expected


@pytest.mark.parametrize("text, expected", [r[2:4] for r in CHANGES], ids=_ids(CHANGES))
def test_changes(rules, text, expected):
    qs, _ = run(text, rules)
    assert [q.change for q in qs] == expected


@pytest.mark.parametrize("text, expected", [r[2:4] for r in TARGETS], ids=_ids(TARGETS))
def test_targets(rules, text, expected):
    qs, _ = run(text, rules)
    assert [q.target for q in qs] == expected


@pytest.mark.parametrize("text, expected, rule", [r[2:5] for r in EXCLUSIONS], ids=_ids(EXCLUSIONS))
def test_exclusions(rules, text, expected, rule):
    qs, ex = run(text, rules)
    assert [(q.text, q.value, q.unit) for q in qs] == expected
    if rule is not None:
        assert f"exclusions.yaml:{rule}" in {e.rule for e in ex}


SUBJECTS = [
    ("subject-before", "jiading_2024.txt", "区环境空气质量优良率为88.6%", "区环境空气质量优良率"),
    ("subject-after-count", "jiading_2024.txt", "3个国考断面和18个市考断面全部达标", "国考断面"),
    ("subject-money", "jiading_2024.txt", "罚款金额1096.7622万", "罚款金额"),
]


@pytest.mark.parametrize("text, expected", [r[2:4] for r in SUBJECTS], ids=_ids(SUBJECTS))
def test_subject(rules, text, expected):
    qs, _ = run(text, rules)
    assert qs[0].subject == expected


def test_kind_and_dimension(rules):
    qs, _ = run("优良率88.6%，上升2.8个百分点，浓度29.4微克/立方米，罚款11.7765万元，检查20次", rules)
    assert [(q.kind, q.dimension) for q in qs] == [
        ("percent", "percent"), ("pp", "pp"), ("physical", "concentration"), ("money", "money"),
        ("count", "count")]


def test_tokenizer_is_optional_and_used(rules):
    import jieba

    tok = jieba.Tokenizer()
    text = "累计梳理复核历史点位817个次"
    with_tok, _ = find_quantities(text, rules, tokenizer=tok)
    without, _ = find_quantities(text, rules)
    assert [q.value for q in with_tok] == [q.value for q in without] == [D(817)]
    assert with_tok[0].subject.endswith("点位")


def test_extractor_is_cached_per_fingerprint(rules):
    from govextract.extract.quantities import extractor

    assert extractor(rules) is extractor(load_rules())
