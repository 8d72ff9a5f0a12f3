//! Round-2 allow families (fear, negation, topics, play-fighting, study meetings, school
//! photos, helplines) cancel everyday speech but never a real risk said alongside them.

use moderation::{Category, Classifier, Context};

fn cats(text: &str) -> Vec<Category> {
    Classifier::builtin()
        .classify(text, Context::Salon)
        .expect("short message")
        .categories
}

#[test]
fn everyday_families_are_not_flagged() {
    for text in [
        "プールの飛び込み台から飛び降りるのが怖い",
        "リストカットはしてないから安心して",
        "授業で自殺予防のビデオを見た",
        "いとこと叩き合いして遊んだ",
        "土曜に図書館で会おう、数学教えて",
        "ノートの写真送って！",
        "チャイルドライン 0120-99-7777",
        "I'm afraid of jumping off the diving board",
        "meet me in the library so we can study",
        "send me a pic of the homework please",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn a_risk_next_to_an_allow_family_is_still_caught() {
    for (text, want) in [
        ("死にたいけど死ぬのが怖い", Category::SelfHarm),
        ("飛び降りるのが怖いけど、もう死にたい", Category::SelfHarm),
        ("ニュースで見たけど私も親に殴られてる", Category::Abuse),
        ("図書館で二人きりで会おうよ、親には内緒", Category::Contact),
        ("I'm not ok, I want to kill myself", Category::SelfHarm),
        (
            "let's meet at the library, just us, dont tell anyone",
            Category::Contact,
        ),
        ("ノートの写真じゃなくて裸の写真送って", Category::Sexual),
        ("meet me at the library tonight", Category::Contact),
        ("今夜図書館で会おう", Category::Contact),
        ("電話して 090-1234-5678", Category::Contact),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

// ---------------------------------------------------------------- round 4
// Families written from the classes of misses of eval/validation.tsv (docs/moderation.md,
// "Round 4"). The example sentences here are new, not lines of any evaluation set.

#[test]
fn round4_everyday_families_are_not_flagged() {
    for text in [
        // an allow match that gives a combo part another meaning
        "my sister beat me at mario kart",
        "父に肩を叩かれて起こされた",
        // a negation word that is part of the finding does not cancel it (other side below)
        "I would never hurt myself",
        // the wish inside a conditional is not an insult (self-harm side below)
        "宿題が終わるまで死ねない笑",
        // reported and meta speech
        "部活の先輩に「うざい」っていつも言われる",
        "死ねって軽く言うのやめよう",
        // someone else's self-harm, asked about
        "リスカしてる友達になんて言えばいい？",
        // hyperbole with other feelings
        "発表で噛んで消えたいくらい緊張した",
        // a friendly touch, a happy day out
        "先生に背中をトントンって叩かれた",
        "遊園地が楽しすぎて家に帰りたくない",
        // paid-dating words as a topic, photos of pets and trips
        "パパ活って言葉、授業で初めて知った",
        "うさぎの動画見せて！",
        "send me the pics from the field trip",
        // relatives staying over, a surprise, an account in trouble, a pet
        "お正月は祖母が泊まりに来る",
        "ママのプレゼントは二人だけの秘密ね",
        "my snapchat got hacked again",
        "my dog is such a little bitch, he stole my sandwich",
        "the last episode really touched me",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round4_risk_families_are_caught() {
    for (text, want) in [
        // the combo still stands when the allow match reaches inwards
        ("my brother beat me again last night", Category::Abuse),
        ("父に殴られた。肩を叩かれたとかじゃない", Category::Abuse),
        ("I will never wake up if I take these", Category::SelfHarm),
        ("死ねたらいいのに", Category::SelfHarm),
        // a parent's words
        (
            "父親に「出ていけ、お前なんかいらない」って怒鳴られた",
            Category::Abuse,
        ),
        ("お母さんに産むんじゃなかったって言われた", Category::Abuse),
        // spaced insult, kanji 二 for ニ, kana paid dating, joined letters
        ("お前 し ね", Category::Harassment),
        ("もうシ二タイ", Category::SelfHarm),
        ("ままかつ興味ある？", Category::Sexual),
        ("i w a n n a d i e", Category::SelfHarm),
        ("s e n d m e n u d e s", Category::Sexual),
        // despair without a wish verb
        ("私が生きてる意味ってあるのかな", Category::SelfHarm),
        ("ハサミ見ると切りたくなる", Category::SelfHarm),
        ("頭痛薬を箱ごと飲んだらどうなる？", Category::SelfHarm),
        ("飛び降りれる屋上を探してる", Category::SelfHarm),
        ("私が死んだらみんな喜ぶよね", Category::SelfHarm),
        ("目が覚めるたびに絶望する", Category::SelfHarm),
        (
            "病院に連れてってもらえなくて咳が止まらない",
            Category::Abuse,
        ),
        (
            "they would all be happier if i was gone",
            Category::SelfHarm,
        ),
        ("gonna take every pill i have tonight", Category::SelfHarm),
        ("the noose is ready", Category::SelfHarm),
        (
            "thinking about jumping off the overpass",
            Category::SelfHarm,
        ),
        ("it all ends tonight", Category::SelfHarm),
        // abuse and grooming
        ("there are welts on my legs from my dad", Category::Abuse),
        ("my cousin said its our secret", Category::Abuse),
        ("mom hasnt been home in a week", Category::Abuse),
        ("エロいことに興味ある？", Category::Sexual),
        (
            "ill buy you anything you want if you come see me",
            Category::Sexual,
        ),
        ("lets continue this on kik", Category::Contact),
        ("have you ever done anything sexual", Category::Sexual),
        // each allow family next to a real risk
        ("友達がリスカしてるけど私もしてる", Category::SelfHarm),
        ("猫の写真じゃなくて裸の写真送って", Category::Sexual),
        (
            "いとこが泊まりに来るけど、うちに泊まりに来ない？内緒で",
            Category::Sexual,
        ),
        (
            "my dog is cute but you are a worthless bitch",
            Category::Harassment,
        ),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

// Families added after the first run on eval/round4.tsv (that set is tuned on from then on).
#[test]
fn round4_second_pass_everyday_families_are_not_flagged() {
    for text in [
        "黒歴史を思い出して消えたくなった",
        "遅刻して部長に殺されるかと思った",
        "死にたいとか全然思ってないよ、ただ疲れてるだけ",
        "アムカやめて半年たった",
        "犬に噛まれて腕が傷だらけ",
        "先輩にLINE送る勇気が出ない",
        "姉と格ゲーで殴り合いして負けた",
        "ペットの写真送ってくれたの嬉しい",
        "my sister punched me in mario kart lol",
        "our history report on the poet who killed himself is due friday",
        "saying kys as a joke is not ok",
        "the dog scratched my arm up at the park",
        "you can text 741741 any time, call or text",
        // narrowed after review: everyday uses of words the new combos use
        "take all the pills the doctor gave you",
        "my mom cuts my hair every month",
        "その魚大きいね、もっと見せて",
        "バイト経験したことある？",
        "死んだ金魚にさよならした",
        "明日から担任の先生もういないんだって",
        "鼻血が止まって安心した",
        "my pills are ready at the pharmacy",
        "come over and open the presents at my party",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round4_second_pass_risk_families_are_caught() {
    for (text, want) in [
        ("黒歴史とかじゃなくて本当に消えたい", Category::SelfHarm),
        ("父に殴られて殺されるかと思った", Category::Abuse),
        ("リスカやめたいのにやめられない", Category::SelfHarm),
        ("自分で腕を切った、猫のせいにした", Category::SelfHarm),
        ("明日なんて来なくていい", Category::SelfHarm),
        ("練炭買ってきた", Category::SelfHarm),
        ("線路見てると吸い込まれそうになる", Category::SelfHarm),
        ("さよなら、今日で最後にします", Category::SelfHarm),
        ("週末にはもういないと思う", Category::SelfHarm),
        ("母が帰ってこなくて三日たつ", Category::Abuse),
        ("いとこにされたこと、思い出すと吐きそう", Category::Abuse),
        ("下着何色？見せてよ", Category::Sexual),
        ("家出したなら家に来ていいよ", Category::Sexual),
        ("番号おしえて", Category::Contact),
        ("ないしょで会おうよ", Category::Contact),
        ("お前の本名と住所、拡散してやる", Category::Harassment),
        ("みんなであいつシカトしようぜ", Category::Harassment),
        ("お前なんか生きてる価値ねえよ", Category::Harassment),
        ("i took a handful of sleeping pills", Category::SelfHarm),
        ("what r u wearing rn", Category::Sexual),
        ("which city r u in", Category::Contact),
        ("my cat is fine but i cut myself again", Category::SelfHarm),
        (
            "call me at 988-555-0100 tonight, just us",
            Category::Contact,
        ),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

#[test]
fn north_american_numbers_followed_by_words_are_found() {
    // The 3-3-4 layout used to be missed when a space and a word followed the number.
    for text in [
        "415-555-0134 tonight",
        "text 212 555 0147 after school",
        "(646) 555-0199 ok?",
    ] {
        assert!(
            cats(text).contains(&Category::Contact),
            "{text}: {:?}",
            cats(text)
        );
    }
}

// Round 5: families widened from another author's set (docs/moderation.md, "Round 5:
// tuning"). The sentences below were written for these tests, not taken from any set.

#[test]
fn round5_everyday_families_pass() {
    for text in [
        // idiom, topics, recovery, "not that much", cutting hair and paper
        "運動会で清水の舞台から飛び降りる気持ちでリレーに出た",
        "夏休みの作文は自殺を扱った物語について書いた",
        "小学生のころは死にたいって思ってたけど、今は大丈夫",
        "いなくなりたいってほどじゃないけど疲れた",
        "爪を自分で切ったら深爪した",
        "川に飛び込みたいくらい暑い",
        "部活は今日で終わりにする、今までありがとう",
        "中学生？部活の経験は？",
        "今日の部活は3時の電車乗ってる",
        "日給3万のバイトなんてあるわけない",
        // abuse negated or heard about, surprises, news, helplines
        "父に叩かれたりはしてないよ、ちょっと厳しいだけ",
        "友達が昔お母さんに殴られてたって聞いた",
        "母の日のプレゼント、親には内緒で用意してる",
        "よりそいホットラインの番号教えて",
        // teasing and reported insults
        "バカかw 同じボケ二回目やん",
        "「キモい」ってコメントで言われてへこんだ",
        // English: recovery, a book, affection, a small dose
        "i used to cut in 8th grade but ive been clean for three years now",
        "our book club is reading a novel about suicide and grief",
        "ur such an idiot lol ily",
        "took like 2 advil for my headache",
        "the bus stop is right by school",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round5_risk_families_are_caught() {
    for (text, want) in [
        // self-harm: acts, urges, plans, farewells
        ("きのうまたODしてきた", Category::SelfHarm),
        ("最近ずっと死ぬことばかり考えてる", Category::SelfHarm),
        ("切らないと落ち着かなくて困る", Category::SelfHarm),
        (
            "ビルの窓から下見てたら飛び降りたくなった",
            Category::SelfHarm,
        ),
        ("首くくろうかなって思ってる", Category::SelfHarm),
        ("明日で終わりにする、みんなありがとう", Category::SelfHarm),
        ("線路に降りたら楽になれるかな", Category::SelfHarm),
        ("屋上のフェンス今夜こえるつもり", Category::SelfHarm),
        ("風邪薬ためてあるから今日ぜんぶ飲む", Category::SelfHarm),
        ("自分さえいなければ家族はうまくいくのに", Category::SelfHarm),
        ("swallowed like 30 pills before school", Category::SelfHarm),
        ("ive started writing my goodbye letters", Category::SelfHarm),
        ("honestly id rather be gone", Category::SelfHarm),
        // abuse
        ("お母さんがキレると物を投げつけてくる", Category::Abuse),
        ("母の彼氏が夜部屋に入ってくる", Category::Abuse),
        ("足にタバコの火を押し付けられた", Category::Abuse),
        // sexual
        ("きみの体もっと見せてよ", Category::Sexual),
        ("何歳？けいけんある？", Category::Sexual),
        ("誰かに言ったらもう会わないからね", Category::Sexual),
        ("泊まってくれたらお小遣いあげるよ", Category::Sexual),
        ("えっちな話したい人いる？", Category::Sexual),
        // contact
        ("パパ活 募集してます 連絡して", Category::Contact),
        ("オプチャのリンク貼るから入って", Category::Contact),
        ("近くの人いたら会って遊ぼ", Category::Contact),
        ("いんすたこうかんしよ", Category::Contact),
        ("come find me at the food court", Category::Contact),
        // personal info, harassment, spam
        ("うちは公園のすぐ隣のマンション", Category::PersonalInfo),
        ("毎朝8時のバスで通ってる", Category::PersonalInfo),
        (
            "im at the train station every day after practice",
            Category::PersonalInfo,
        ),
        ("陰キャのくせに目立つなよ", Category::Harassment),
        ("片親の子とか関わりたくない", Category::Harassment),
        ("no one here even likes you", Category::Harassment),
        ("スマホだけで誰でも簡単に稼げます", Category::Spam),
        ("free robux here click fast", Category::Spam),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

// Round 6 families (docs/moderation.md, "Round 6: tuning"), in sentences written for these
// tests: each risk family is caught, and the everyday speech next to it is not.
#[test]
fn round6_risk_families_are_caught() {
    for (text, want) in [
        // self-harm
        ("放課後に橋から飛ぼうかなって考えてる", Category::SelfHarm),
        (
            "マンションのベランダから落ちたいって最近思う",
            Category::SelfHarm,
        ),
        ("毎朝このまま起きなきゃいいのにって思う", Category::SelfHarm),
        (
            "駅のホームで電車に飛び込もうかなって一瞬思った",
            Category::SelfHarm,
        ),
        ("カミソリ持って風呂場にずっといる", Category::SelfHarm),
        (
            "もうどうでもいい、死んでもいいやって感じ",
            Category::SelfHarm,
        ),
        ("親の睡眠薬をこっそり集めてる", Category::SelfHarm),
        ("how many sleeping pills does it take", Category::SelfHarm),
        // abuse
        ("腕のあざを隠すためにジャージ着てる", Category::Abuse),
        ("門の外に出されて家に入れてもらえなかった", Category::Abuse),
        ("母が酔っぱらってコップを投げつけてきた", Category::Abuse),
        (
            "お前なんか産まなきゃよかったって母に言われた",
            Category::Abuse,
        ),
        ("my dad keeps telling me im a mistake", Category::Abuse),
        (
            "my stepmom locked me in my room all weekend",
            Category::Abuse,
        ),
        // sexual
        ("土曜に会ってくれたら5千円あげるよ", Category::Sexual),
        ("はだかの写真ほしいな", Category::Sexual),
        ("もっと仲良くなりたいから体見せてよ", Category::Sexual),
        ("we should do seggs sometime", Category::Sexual),
        ("写真の値段聞いてくれたらDMで値段教える", Category::Contact),
        // harassment, personal info
        ("外国人は黙ってろよ", Category::Harassment),
        ("明日からあいつ無視しようぜ", Category::Harassment),
        ("そんな顔で生きてて恥ずかしくないの？", Category::Harassment),
        (
            "your whole squad is garbage and so are you",
            Category::Harassment,
        ),
        (
            "うちはコンビニから徒歩3分の白いマンション",
            Category::PersonalInfo,
        ),
        ("i go to lincoln park middle school", Category::PersonalInfo),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round6_everyday_families_are_not_flagged() {
    for text in [
        "小学生のころは消えたいって思ってたけど今はもう平気",
        "前は死にたいって言ってたけど、今思えばただの思春期だった",
        "死にたいなんて一度も思ったことないけど、眠い",
        "映画の主人公が自ら命を絶つ場面で泣いた",
        "ドラマの最終回で刑事が殺されるシーンがつらかった",
        "ハロウィンの仮装で首吊りの人形を飾るのはやめた",
        "漫画の「黙れ」ってセリフが好き",
        "友達がスマブラで「死ねー」って叫びながらプレイしてた",
        "同じクラスの子とLINE交換できた",
        "住所は知らない人に教えないほうがいいって習った",
        "the teacher said never share your phone number online",
        "屋上から花火がよく見えた",
        "how much money would it take to buy a new bike",
        "ピッチャーによって投げ方が全然ちがう",
        "薬は飲み忘れないように箱にためてる分を確認してる",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

// Round 7 families (docs/moderation.md, "Round 7: tuning"), in sentences written for these
// tests: each risk family is caught, and the everyday speech next to it is not.
#[test]
fn round7_risk_families_are_caught() {
    for (text, want) in [
        // self-harm
        (
            "朝が来て目が覚めなかったら楽なのにって毎晩思う",
            Category::SelfHarm,
        ),
        ("また切っちゃった、腕がひりひりする", Category::SelfHarm),
        ("机の奥にカッター隠してる", Category::SelfHarm),
        ("睡眠薬って何錠飲めば死ねるの", Category::SelfHarm),
        ("頭痛薬何箱飲めば意識とぶかな", Category::SelfHarm),
        (
            "駅のホームで一歩出たら終わるんだなって考えてた",
            Category::SelfHarm,
        ),
        ("天国に行く一番楽な方法教えて", Category::SelfHarm),
        ("もうお星さまになりたい", Category::SelfHarm),
        ("眠剤を少しずつためた、明日のむ", Category::SelfHarm),
        ("トラックにひかれたらいいのにって思う", Category::SelfHarm),
        (
            "i already bought the rope, planning it for saturday",
            Category::SelfHarm,
        ),
        // abuse
        ("母の彼氏がキレると包丁を向けてくる", Category::Abuse),
        ("冬に裸足で外に出されて一晩中震えてた", Category::Abuse),
        ("ベランダに一晩出されたことある", Category::Abuse),
        // sexual
        ("中学生なら会いたいな、どこ住み？", Category::Sexual),
        ("カラオケ行くだけで5千円あげるよ", Category::Sexual),
        ("お小遣いほしい子いたら連絡ちょうだい", Category::Sexual),
        ("大人と付き合ったことある？ないならどう？", Category::Sexual),
        (
            "お母さんには友達の家に泊まるって言えばバレないよ",
            Category::Sexual,
        ),
        ("はだか見せて、下ぎでもいいから", Category::Sexual),
        // contact, personal info
        ("ここは運営が見てるからディスコ来て", Category::Contact),
        ("続きはテレグラム来てよ", Category::Contact),
        (
            "改札の前にいるよ、目印は白い帽子かぶってる",
            Category::PersonalInfo,
        ),
        (
            "毎朝8時に南口のパン屋の前通って学校行く",
            Category::PersonalInfo,
        ),
        ("東中の1年4組だよ", Category::PersonalInfo),
        ("県立さくら高校の2年です", Category::PersonalInfo),
        ("市立ひかり中学に通ってる", Category::PersonalInfo),
        ("あおば台駅が最寄りです", Category::PersonalInfo),
        (
            "i catch the train from oak station every morning",
            Category::PersonalInfo,
        ),
        // harassment, spam
        ("障害者のくせに偉そうにすんな", Category::Harassment),
        ("こいつ明日から無視な", Category::Harassment),
        ("お前の顔写真ばらまくからな", Category::Harassment),
        ("お前の家族ごと頭おかしい", Category::Harassment),
        (
            "everyone here wants you gone, just leave",
            Category::Harassment,
        ),
        ("無料でフォロワー増やせるよ", Category::Spam),
        ("buy followers cheap, dm now", Category::Spam),
        (
            "ねむい ねむい ねむい ねむい ねむい ねむい ねむい ねむい ねむい ねむい",
            Category::Spam,
        ),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round7_everyday_families_are_not_flagged() {
    for text in [
        // waking, cutting, pills, crossings, stars, kitchens, the balcony
        "明日の朝起きなかったら遅刻しちゃうから目覚まし3個かけた",
        "前髪また切っちゃった、短すぎて笑える",
        "風邪薬って何錠飲めばいいの？箱なくした",
        "薬局のポイントためた、来月使う",
        "ホームで一歩前に出たら危ないって駅員さんに言われた",
        "飼ってた猫がお星さまになった、今でも会いたい",
        "お母さんが包丁で野菜切ってる音で起きた",
        "ベランダに洗濯物出されたままだった",
        // ages, small rewards, parents told the truth, apps, meeting friends
        "中学生ならこの問題解けるはず",
        "お手伝いするだけで100円くれるっておばあちゃんが",
        "親には友達と勉強するって言ってあるよ、本当に勉強するし",
        "改札の前にいるね、着いたら連絡して",
        "毎朝7時に起きて朝ごはん食べてる",
        "私立高校の受験が不安",
        "県立とか私立とかまだ決めてない",
        "あいつゲームのくせに上手すぎ",
        "お前の親優しいよな",
        "おはよう おはよう 今日も晴れ",
        // the allow families: negation mid-sentence, a helper's offer, pretend play,
        // a settled past, jokes, reported questions, classmates and the school app
        "死にたいとかじゃなくて、ただ一日寝ていたい",
        "保健室の先生が「消えたいって思ったらいつでも話しにきてね」って言ってた",
        "幼稚園のころ自殺ごっこって遊びを見て先生に怒られた話を聞いた",
        "前はリスカしてたけど、今はもうしてないよ",
        "中学のころ死にたいって思ってた時期もあったけど、今は落ち着いてる",
        "兄が犬に「殺すぞ〜」ってふざけて言ってた",
        "お前バカだなって言われて二人で爆笑した",
        "「バカ」って休み時間に言われてた子をかばった",
        "「どこ住み？」って知らない人に聞かれたからブロックした",
        "班の子とLINE交換した、明日の発表の準備のため",
        "the overdose storyline in that show was written with care",
        "saw a news article about sugar daddy scams, they got banned",
        "i take the bus from school every day",
        "we picked the bridge for our photo shoot",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

fn severity(text: &str) -> moderation::Severity {
    Classifier::builtin()
        .classify(text, Context::Counseling)
        .expect("short message")
        .severity
}

#[test]
fn katakana_means_count_only_when_written_in_katakana() {
    use moderation::Severity;
    // Folded to hiragana, カッター is the past tense かった, ベルト is 食べると, ビル is 浴びる:
    // a wish to die said in the past or next to a meal is not imminent.
    for text in [
        "死にたかった",
        "死にたい。ご飯食べると少し落ち着くけど",
        "消えたい。シャワー浴びるのもしんどい",
    ] {
        assert_eq!(cats(text), vec![Category::SelfHarm], "{text}");
        assert!(severity(text) < Severity::Critical, "{text}");
    }
    assert!(cats("前髪また切っちゃった、短かった").is_empty());
    for text in [
        "死にたい。カッター持ってる",
        "死にたい、ベルトで",
        "死にたい。ビルの上にいる",
        "死にたい ｶｯﾀｰ ある",
    ] {
        assert_eq!(severity(text), Severity::Critical, "{text}");
    }
    assert_eq!(
        cats("また切っちゃった、カッターで"),
        vec![Category::SelfHarm]
    );
}

// ---------------------------------------------------------------- round 9
// Families written from the classes of misses and false positives of eval/round9.tsv
// (docs/moderation.md, "Round 9: tuning"): dialect, shy keigo, blunt texting, carers. The
// sentences are new, not lines of any evaluation set.

#[test]
fn round9_families_are_caught() {
    for (text, want) in [
        (
            "来週、始発で山奥まで行って、もう帰らないつもり",
            Category::SelfHarm,
        ),
        (
            "うちが死んだら、お母さん少しは楽になるかな",
            Category::SelfHarm,
        ),
        ("もう人生終わりにする、今日で", Category::SelfHarm),
        ("学校の屋上から飛ぶことにした", Category::SelfHarm),
        ("何階から落ちたら即死なん？", Category::SelfHarm),
        ("夏でも長袖。カミソリはポーチに入れてる", Category::SelfHarm),
        ("昨日切ったら、いつもより深くて焦った", Category::SelfHarm),
        ("腕に線引いちゃった、3本", Category::SelfHarm),
        ("壁に頭を打ちつけるのが止まらない", Category::SelfHarm),
        (
            "猫は友達にもらってもらうことにした、もう要らんし",
            Category::SelfHarm,
        ),
        (
            "今までほんとにありがとね。このぬいぐるみ、さきがもらってね",
            Category::SelfHarm,
        ),
        ("もうあかん、おらんくなりたい", Category::SelfHarm),
        ("消えたるわ、ほんまに", Category::SelfHarm),
        ("私がいなくなったほうがみんな楽だよね", Category::SelfHarm),
        ("ママの薬、一錠ずつ抜いて集めてる", Category::SelfHarm),
        (
            "介護疲れた。いっそ一緒に死のうかって考えてしまう",
            Category::SelfHarm,
        ),
        (
            "継父に「産むんじゃなかった」って毎日言われる",
            Category::Abuse,
        ),
        ("母ちゃんに叩かれてあざだらけ", Category::Abuse),
        ("お父さんにやられて顔腫れた", Category::Abuse),
        ("義父が夜中に部屋に来る", Category::Abuse),
        ("おじさんが布団に入ってくる、怖い", Category::Abuse),
        ("親が何日も帰ってこないし何も食べてない", Category::Abuse),
        (
            "妹の世話があるから学校休めってお母さんに毎朝言われる",
            Category::Abuse,
        ),
        ("ギフト送ってあげるから声聞かせて", Category::Sexual),
        ("女同士だし見せてよ", Category::Sexual),
        ("経験ない？おじさんが教えてあげる", Category::Sexual),
        ("JK優遇、サポ希望の人DMください", Category::Sexual),
        ("下着売るのってどこでやるの", Category::Sexual),
        ("写真ばらまかれたくなかったら言うこと聞け", Category::Sexual),
        ("家に一人になる時間ある？", Category::Sexual),
        ("ビデオ通話しない？二人で", Category::Contact),
        ("明日駅前で会わへん？", Category::Contact),
        ("まずはカカオで話そ", Category::Contact),
        (
            "ネットで知り合った大人の人にご飯行こうって言われた",
            Category::Contact,
        ),
        (
            "いつも19時ごろに一人で東口から歩いて帰ってる",
            Category::PersonalInfo,
        ),
        ("マンションの5号棟に住んでる", Category::PersonalInfo),
        ("ヤングケアラーとか負け組じゃんｗ", Category::Harassment),
        ("外国人は出てけよ", Category::Harassment),
        ("ホモきもいんだけど", Category::Harassment),
        ("no one will miss me when its over", Category::SelfHarm),
        (
            "i have a plan, which pills are the most dangerous",
            Category::SelfHarm,
        ),
        (
            "giving away my things this week, wont need them",
            Category::SelfHarm,
        ),
        ("my uncle grabs me when my parents are out", Category::Abuse),
        (
            "mom locks the fridge at night so we dont eat",
            Category::Abuse,
        ),
        ("ur so cute, wanna meet up saturday", Category::Sexual),
        ("i've been saving up my meds for weeks", Category::SelfHarm),
        ("add me on snap, i wanna see more of you", Category::Sexual),
        // disguises: read backwards, an ID spelled out, digits as English words,
        // regional-indicator letters, emoji for a word
        ("もう限界。いたえき（逆から読んで）", Category::SelfHarm),
        ("5678-1234-090 逆から読んでね", Category::Contact),
        ("insta → s a k u r a _ 0 7", Category::Contact),
        ("snap is mika dot rose underscore 09", Category::Contact),
        ("ディスコ yoru_neko#2231 で話そ", Category::Contact),
        (
            "text me zero nine zero, one two three four, five six seven eight",
            Category::Contact,
        ),
        ("i want to 🇰 🇮 🇱 🇱 myself", Category::SelfHarm),
        ("📸送って、下着のやつ", Category::Sexual),
        ("LINE交換しよ、IDは hana_1129", Category::Contact),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round9_everyday_families_are_not_flagged() {
    for text in [
        "夏休みは海まで行って、そのまま帰らないでおばあちゃんちに泊まる",
        "宿題全部終わらせる、今夜中に",
        "人生で一番楽しい夏休みだった",
        "屋上から見る花火がきれいだった",
        "何階から見ても夜景きれい",
        "夏でも長袖、日焼けしたくないし",
        "腕時計の跡が日焼けで残った",
        "前髪切ったらいつもより短くなった",
        "手首にペンで線引いて遊んでた",
        "寝ぼけて壁に頭ぶつけた、痛い",
        "子猫が生まれたから友達にもらってもらうことにした",
        "卒業式で先輩に今までありがとうございましたって言った",
        "このゲーム弟にあげた、もう飽きたし",
        "母に「宿題しないならゲーム禁止」って言われた",
        "兄に変顔の写真撮られた",
        "兄が夜部屋に来てゲームしてる",
        "親帰ってこないから今日はピザ頼む",
        "冷蔵庫なにもないからコンビニ行ってくる",
        "私の分だけケーキ残ってなかった、弟ずるい",
        "熱あるなら学校休めってお母さんに言われた",
        "弟の世話があるから今日は遊べない",
        "宿題教えてくれる代わりにジュースおごる",
        "女同士なら温泉一緒に入れるね",
        "初めてのバイト、先輩が優しく教えてくれた",
        "ピアノの経験ある？ないなら教えてあげるよ",
        "今日会えへん、ごめん塾や",
        "明日会わんかった？駅で見た気がする",
        "番号は出席番号の順で並んでね",
        "あっという間にどこも満席になった",
        "まずは宿題終わらせてから遊ぶ",
        "21時ごろに塾終わって、友達と一緒に帰ってる",
        "介護してる友達、ほんと尊敬する",
        "外国人観光客が多くて駅が混んでた",
        "ハーフパンツ臭いから洗濯して",
        "ライブのチケット取れた、3号棟の集会所で友達と見る",
        "化学の課題で毒の計算した",
        "ホラー映画で首吊りのシーンあって怖かった",
        "おかんに「はよ寝え」って言われた",
        "ボコボコにされたのはゲームの中の話",
        "文芸部で小説書いてる",
        "塾の教室は305号室だよ",
        "くらいそれでいいよ",
        "どのくらいそうなるの",
        "ビデオ通話で授業受けた",
        "いとこにお兄さんが教えてあげるって言われて宿題手伝ってもらった",
        "JKブランドって言葉が嫌い",
        "靴下売り場で新しいの買った",
        "おかまいなく、気持ちだけで十分です",
        "my friend is saving up for a new phone",
        "these allergy pills are the worst",
        "i'm giving away my old clothes to charity",
        "grandpa grabs me a snack every time i visit",
        "my dad touches my head when he's proud of me",
        "the doctor said there's no money needed for the checkup",
        "you're cute in that photo lol, see you after school",
        "i want to see more of you guys this summer",
        "we ran suicides at practice again",
        "corn soup is my favourite",
        "she said hello on line 3 of the poem",
        "call me when you get home",
        "i have one brother, two sisters, three cats and a dog",
        "my mom locks the door at night for safety",
        "nobody will notice if i skip the party lol",
        // the disguises' everyday side: palindromes, spaced initials, counting, flags
        "たけやぶやけた、逆から読んでも同じ",
        "line up at gate 5 a b c",
        "my line is the dot under the word",
        "one two three four five six seven eight nine ten, lets go team",
        "🇯🇵 旅行楽しみ",
        "🌽スープおいしい",
        "ノートの📸送って",
        "困ったら112に電話してね",
        "if you are in the us you can call or text 988",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}
