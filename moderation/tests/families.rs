//! The lexicon's rule families, checked with the lexicon alone (`common::lexicon`).
//!
//! Round-2 allow families (fear, negation, topics, play-fighting, study meetings, school
//! photos, helplines) cancel everyday speech but never a real risk said alongside them.

use moderation::{Category, Context};

mod common;

use common::lexicon::{cats, CLASSIFIER};

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
        "Childline is 0800 1111 and the NSPCC helpline is 0808 800 5000",
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
    CLASSIFIER
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

// ---------------------------------------------------------------- domain families
// Families written from helpline knowledge, not from any evaluation set's misses
// (docs/moderation.md, "Domain families (not from any set)"). The sentences are written for
// these tests: each risky phrasing is caught with its category, and the everyday phrasing
// next to it is not flagged.

#[test]
fn domain_families_japanese_risks_are_caught() {
    for (text, want) in [
        // self-harm: not waking, being hit, one step, the road
        ("このまま目が覚めなかったらいいのに", Category::SelfHarm),
        ("帰り道、車にひかれたらいいのにって思う", Category::SelfHarm),
        (
            "トラック突っ込んでこないかなって毎朝思う",
            Category::SelfHarm,
        ),
        (
            "ホームであと一歩前に出たら終わるんだなって",
            Category::SelfHarm,
        ),
        ("信号待ちで車道に飛び出したくなる", Category::SelfHarm),
        // a burden, better without me, nobody would be troubled
        ("私がいなくなったほうが家族は楽になる", Category::SelfHarm),
        ("私がいなくても誰も困らないし", Category::SelfHarm),
        ("自分なんていなくなればいいのに", Category::SelfHarm),
        ("私はみんなのお荷物でしかない", Category::SelfHarm),
        ("生きてるだけで迷惑かけてる", Category::SelfHarm),
        // farewells and leaving things in someone's care
        (
            "迷惑かけてごめんね、もうすぐいなくなるから",
            Category::SelfHarm,
        ),
        ("みんな今までありがとう。さようなら", Category::SelfHarm),
        ("もう無理、限界。さよなら", Category::SelfHarm),
        ("私が死んだら猫のことよろしくね", Category::SelfHarm),
        (
            "このキーホルダー、形見だと思って持ってて",
            Category::SelfHarm,
        ),
        // means asked about, a date or place fixed, a cord, a railing
        ("何メートルから落ちたら確実に死ねるの", Category::SelfHarm),
        ("飛び降りる場所の下見してきた", Category::SelfHarm),
        ("ロープをドアノブにかけてみた", Category::SelfHarm),
        ("歩道橋の柵を越えたくなった", Category::SelfHarm),
        // pills kept back, blades and scars hidden, cutting again
        ("処方された薬、飲まずにとってある", Category::SelfHarm),
        ("カミソリをお守りみたいに持ってる", Category::SelfHarm),
        ("リスカ跡がバレないように夏も長袖", Category::SelfHarm),
        ("我慢してたのにまた切っちゃった", Category::SelfHarm),
        ("縫うくらい深く切ったかも", Category::SelfHarm),
        // soft words and algospeak
        ("もうお星さまになりたい", Category::SelfHarm),
        ("早くあの世に行きたい", Category::SelfHarm),
        ("樹海に行きたいな", Category::SelfHarm),
        // grooming
        ("中学生なんだ、今度ご飯行こうよ", Category::Sexual),
        ("親には友達の家に泊まるって言えばいいよ", Category::Sexual),
        ("ごはんだけで5000円あげるよ", Category::Sexual),
        ("おじさんとご飯行ってくれる子いない？", Category::Sexual),
        ("お風呂上がりの写真送って", Category::Sexual),
        ("中学生に見えないね、大人っぽい", Category::Sexual),
        ("JCが好きなんだよね", Category::Sexual),
        ("今一人？親はいる？", Category::Sexual),
        ("ビデオ通話しよ、親が寝たあと", Category::Sexual),
        ("うちに来たら好きなもの買ってあげる", Category::Sexual),
        ("ホテルで休憩しよっか", Category::Sexual),
        ("家に一人の時教えてね", Category::Sexual),
        ("おぢ募集してる子いる？", Category::Sexual),
        ("迎えに行くから最寄り教えて", Category::Contact),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

#[test]
fn domain_families_japanese_everyday_is_not_flagged() {
    for text in [
        "明日テストだから起きなかったらどうしよう",
        "猫が車にひかれたらかわいそうだから外に出さない",
        "子供が道路に飛び出したら危ないよ",
        "一歩踏み出したら気持ちが楽になったよ",
        "私がいなくても弟は一人でご飯食べられるようになった",
        "私って迷惑かけてないかな？って友達に聞いた",
        "転校するけど、みんな今までありがとう。さようなら、またね",
        "テストもう無理、さよなら数学",
        "私が死んだらゲームのデータよろしくw",
        "この薬何錠飲めばいい？",
        "おばあちゃんが薬を飲まずにためてるから先生に相談した",
        "弟が危ないからカッター隠してある",
        "手術の傷跡見られたくない",
        "転んだ傷を隠すために長ズボン",
        "また前髪切っちゃった",
        "料理してて指を深く切った",
        "今日も乗り切った",
        "天国のおじいちゃんが見守ってくれてる",
        "友達に手紙を書いた、最後のページにシール貼った",
        "友達の家に泊まるって親に言ったら許してくれた",
        "親には友達と遊ぶって言えばいいよ、ライブ行こ",
        "ご飯だけで1000円超えた",
        "おばあちゃんが家に来たら好きなもの買ってあげるって",
        "年のわりにしっかりしてるねって先生に言われた",
        "小学生の弟と遊びたい",
        "中学生の時の友達と久しぶりに会って楽しかった",
        "今一人で勉強してる、親は仕事",
        "ビデオ通話で授業、カメラつけてって先生が",
        "家族旅行のホテルでゆっくり休憩した",
        "お母さんが迎えに行くから駅教えてって言ってる",
        "俺ロリコンじゃないし",
        "全身写真撮ったから見て、今日のコーデ",
        "スマブラでまた切っちゃった、コンボ途中で",
        "何歳からバイトできるの？店長に会って聞いてみる",
        "もう疲れた、今日はさよなら、また明日",
        "友達と遊ぶって言っといてね、とママに頼まれた",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn domain_families_english_risks_are_caught() {
    for (text, want) in [
        // self-harm: not waking, being hit, a step, a spot picked, letters
        ("going to bed hoping i never wake up", Category::SelfHarm),
        (
            "i keep hoping a bus hits me on the way to school",
            Category::SelfHarm,
        ),
        (
            "sometimes i think about stepping in front of a train",
            Category::SelfHarm,
        ),
        (
            "one step off the platform and it would all be over",
            Category::SelfHarm,
        ),
        (
            "i picked the spot, the bridge by the river",
            Category::SelfHarm,
        ),
        ("i wrote goodbye letters for my family", Category::SelfHarm),
        // a burden, not much longer, giving away, after i'm gone
        (
            "i feel like im such a burden to everyone",
            Category::SelfHarm,
        ),
        (
            "you wont have to deal with me much longer",
            Category::SelfHarm,
        ),
        ("im giving all my stuff away", Category::SelfHarm),
        (
            "when im gone please look after my little brother",
            Category::SelfHarm,
        ),
        (
            "goodbye everyone, im sorry for everything",
            Category::SelfHarm,
        ),
        // means asked about, pills saved, blades and scars hidden
        ("which building is tall enough to die", Category::SelfHarm),
        ("how long does it take to bleed out", Category::SelfHarm),
        ("ive been hoarding my meds for weeks", Category::SelfHarm),
        ("i keep hiding blades in my room", Category::SelfHarm),
        ("wearing hoodies to hide my scars", Category::SelfHarm),
        (
            "i took some pills so i can sleep forever",
            Category::SelfHarm,
        ),
        // algospeak and quiet wishes
        ("thinking about ctb tonight", Category::SelfHarm),
        ("i wish i didnt exist", Category::SelfHarm),
        ("i just want everything to stop", Category::SelfHarm),
        (
            "i just want to be with grandma in heaven",
            Category::SelfHarm,
        ),
        // grooming
        ("what grade are you in? we should meet up", Category::Sexual),
        (
            "just tell your mom youre sleeping over at a friends",
            Category::Sexual,
        ),
        ("ill give you money just to hang out", Category::Sexual),
        ("send me a pic in your pajamas", Category::Sexual),
        ("you dont act like a 13 year old at all", Category::Sexual),
        ("download telegram so we can talk", Category::Sexual),
        ("i like younger girls tbh", Category::Sexual),
        ("im 25 but age doesnt matter right", Category::Sexual),
        (
            "can you video call when your parents are asleep",
            Category::Sexual,
        ),
        (
            "ill buy you robux if you add me on discord",
            Category::Sexual,
        ),
        ("i can teach you how to kiss", Category::Sexual),
        ("dont tell your parents about me ok", Category::Sexual),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

#[test]
fn domain_families_english_everyday_is_not_flagged() {
    for text in [
        "i hope i dont wake up late tomorrow",
        "hoping i dont wake up my sister when i get home",
        "i almost stepped in front of a car, so scary",
        "one more step and the race would be over",
        "we picked the spot for the picnic tomorrow",
        "i wrote a goodbye letter to my teacher because im moving",
        "im such a burden on the team when i miss practice lol",
        "grandma says she feels like a burden",
        "im the problem its me",
        "you wont have to deal with me much longer, im moving to osaka next month",
        "giving all my stuff away because we are moving",
        "goodbye everyone, thanks for everything! see you next year",
        "how long does it take to bleed out? asking for my biology essay",
        "how long does it take for pills to kick in for a headache",
        "my grandma keeps hiding her pills instead of taking them",
        "i keep a razor in my bag for shaving my legs",
        "long sleeves to cover my arms from the sun",
        "i want to see grandma in heaven someday",
        "how old are you? i wanna meet people my age in the club",
        "i'll pay you if you come babysit saturday",
        "download discord so we can talk during the game",
        "age doesnt matter in friendship",
        "turn on your camera for class please",
        "i can teach you how to do the math problem",
        "i cant keep going to practice every day, im tired",
        "i like young adult books",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn domain_allow_entries_stay_narrow() {
    // An outing's プリ is not the プリ of アプリ; being asked for photos is the disclosure,
    // not a label someone was called.
    for text in [
        "パパ活始めたい、おすすめのアプリある？",
        "知らない人に下着の写真送ってって言われた",
    ] {
        assert_eq!(cats(text), vec![Category::Sexual], "{text}");
    }
    assert!(cats("親には友達と遊ぶって言えばいいよ、プリ撮ろ").is_empty());
}

// Round 8 families (docs/moderation.md, "Round 8: tuning"), in sentences written for these
// tests: each risk family is caught, and the everyday speech next to it is not.
#[test]
fn round8_risk_families_are_caught() {
    for (text, want) in [
        // self-harm said quietly
        (
            "マンションの何階からなら助からないのかな",
            Category::SelfHarm,
        ),
        (
            "旧校舎の屋上の鍵、誰もかけてないみたい。明日ひとりで行ってみる",
            Category::SelfHarm,
        ),
        (
            "駅の線路の前でぼーっとしてた、あと一歩だったと思う",
            Category::SelfHarm,
        ),
        (
            "睡眠の薬、何と何を合わせたら一番危ないんだろ",
            Category::SelfHarm,
        ),
        (
            "みんな今までありがとう。これで最後、ばいばい",
            Category::SelfHarm,
        ),
        (
            "日曜にするって決めた。今日のうちに身辺整理しとく",
            Category::SelfHarm,
        ),
        (
            "大事にしてたぬいぐるみ全部あげた、もう私には要らない",
            Category::SelfHarm,
        ),
        ("来週で全部終わりにするつもり", Category::SelfHarm),
        ("もう眠りたい、二度と目覚めない眠り", Category::SelfHarm),
        (
            "ペットの世話は友達に頼んだ。もう私いなくても平気",
            Category::SelfHarm,
        ),
        ("ドアノブでできるって本当かな", Category::SelfHarm),
        ("逆から読んでね　いたえき", Category::SelfHarm),
        ("read it backwards: eid ot tnaw i", Category::SelfHarm),
        (
            "thinking about the eternal sleep lately",
            Category::SelfHarm,
        ),
        ("i want to fall asleep and not wake up", Category::SelfHarm),
        (
            "got a bunch of tylenol stashed behind my books",
            Category::SelfHarm,
        ),
        (
            "i've decided it's after the exams. my letters are written",
            Category::SelfHarm,
        ),
        ("bye everyone, thank you for everything", Category::SelfHarm),
        (
            "gave my brother my switch. he won't need to know why, i won't need it",
            Category::SelfHarm,
        ),
        // abuse: neglect, control, a household adult, active violence, romaji, dots
        (
            "休みの日は給食がないからそれが唯一のご飯だった日がつらい",
            Category::Abuse,
        ),
        (
            "二日もご飯ない、お金も置いてってくれなかった",
            Category::Abuse,
        ),
        ("兄だけご飯あって私の分だけない", Category::Abuse),
        ("祖母の介護があるからって学校休まされてる", Category::Abuse),
        ("財布も取り上げられて、家から出るなって", Category::Abuse),
        (
            "父親がキレて私の髪を掴んで廊下を引きずった",
            Category::Abuse,
        ),
        ("母に首しめられたことある", Category::Abuse),
        ("お仕置きって言ってハンガーで叩かれる", Category::Abuse),
        (
            "ママの新しい彼氏、夜中に部屋に来るのがいや",
            Category::Abuse,
        ),
        ("継父がお風呂に入ってくるのやめてほしい", Category::Abuse),
        ("mainichi nagurareru, tasukete", Category::Abuse),
        ("m.o.m h.i.t.s m.e", Category::Abuse),
        ("my stepdad slammed me against the door", Category::Abuse),
        (
            "gran slaps my little sister when she cries",
            Category::Abuse,
        ),
        (
            "mum locked the door on me, slept on the doorstep",
            Category::Abuse,
        ),
        ("my aunt's bf gets handsy with me", Category::Abuse),
        // sexual, contact
        ("顔は写さなくていいから一枚だけ", Category::Sexual),
        ("今なに着てるの？見せてほしい", Category::Sexual),
        ("処女なの？経験ある？", Category::Sexual),
        ("このアプリなら消えるから写真平気だよ", Category::Sexual),
        ("おじさんとお茶するだけで1万もらえるよ", Category::Sexual),
        ("気になるならDMきて", Category::Contact),
        ("来週の日曜、渋谷でお茶しない？", Category::Contact),
        ("ゲーム好き！LINE交換しよ", Category::Contact),
        // harassment, spam
        ("明日ボコるから逃げんなよ", Category::Harassment),
        ("可哀想アピールで同情ひくなって", Category::Harassment),
        ("お前の変な写真、グループに流すから", Category::Harassment),
        ("片親だからお前もひねくれてんだよ", Category::Harassment),
        ("lets all mass report his page", Category::Harassment),
        ("i'll leak your pics if you block me", Category::Harassment),
        ("ガチャ石配布中！今すぐアクセス", Category::Spam),
        ("get free gems now!!", Category::Spam),
        (
            "like like like like like like like like like like like",
            Category::Spam,
        ),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round8_everyday_families_are_not_flagged() {
    for text in [
        // heights, crossings, medicine, farewells, tidying, giving away, sleep
        "屋上の鍵が開いてたから昼休みにみんなでお弁当食べに行ってみる",
        "この薬とこの薬、一緒に飲んでも大丈夫？",
        "踏切であと一歩で電車に間に合わなかった",
        "先輩、今までありがとうございました！卒業しても元気でね、さようなら",
        "引っ越しは金曜の夜にするって決めた。それまでに部屋片付けとく",
        "小さくなった服、妹にあげた。もう私には要らないから",
        "レポート、今日で全部終わりにする",
        "明日私がいなくても大丈夫なように引き継ぎした",
        "めっちゃ眠い、永遠に寝てたい",
        "「逆から読んでも同じ」って回文のこと",
        "i want to sleep and not wake up until noon",
        "goodbye everyone, thanks for everything, see you next term",
        "gave my old phone to my sister, got a new one",
        "i saved 5 dollars on pills at the pharmacy",
        "everyone was like 'i'm gonna die' before the quiz",
        "前は消えたいって思ってたけど、今はそう思ってない",
        // food, school, confinement, home, games, illness, deadlines
        "給食が唯一の楽しみ",
        "昨日から胃腸炎で何も食べてない",
        "お父さん昨日から出張で帰ってこない",
        "台風だから外に出るなって言われた",
        "母が私の髪を結んでくれた",
        "兄とプロレスごっこして床に倒された",
        "月に代わってお仕置きよ！って怖い顔で言ってた",
        "弟がゲーム中に「ぶっ殺す」って叫んでてうるさい",
        "祖父が寝言で「殺される」って言ってたけど、認知症の症状なんだって",
        "母が子どもの頃に虐待されてたって話してくれた",
        "レポートに殺されそう",
        "おばあちゃんの病室は5階の512号室、明日面会行く",
        // photos, clothes, DMs, threats, groups, spam words
        "処女作の小説が賞をとった",
        "新しいパジャマ買った！",
        "今どんな気分？",
        "LINEだと写真送りやすいよね",
        "障害者だからって差別するのはおかしい",
        "ボスをボコった",
        "今回は水に流すからもういいよ",
        "mass of the earth is huge",
        "the gems in this game are free to earn",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn reversed_text_is_read_only_after_a_marker() {
    let v = CLASSIFIER
        .classify("逆から読んで　いたにし", Context::Salon)
        .expect("short message");
    assert_eq!(v.categories, vec![Category::SelfHarm]);
    assert!(v.obfuscation.contains(&moderation::Obfuscation::Reversed));
    assert_eq!(v.spans[0].text, "いたにし");
    // Without a marker, reversed letters are only letters.
    assert!(cats("いたにし").is_empty());
}

#[test]
fn a_joking_will_does_not_cancel_giving_things_away() {
    assert_eq!(
        cats("ゲームのアカウントもう全部あげた、もう私には必要ないし"),
        vec![Category::SelfHarm]
    );
    assert!(cats("私が死んだらゲームのデータよろしくね笑").is_empty());
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

#[test]
fn everyday_allows_yield_to_a_blade_or_a_reason_to_live() {
    // Written separately in rounds 8 and 9, an allow of one round cancelled a family of the
    // other: outgrown things next to a new blade, a part-time job next to "what am I
    // living for".
    for text in [
        "長袖で隠してる。カミソリ新しいのにした",
        "部活もバイトも全部、生きてる意味ない、もう終わりにしたい",
    ] {
        assert_eq!(cats(text), vec![Category::SelfHarm], "{text}");
    }
    for text in [
        "服が小さくなったから新しいの買った",
        "バイトは今日で終わりにした、来月から受験",
    ] {
        assert!(cats(text).is_empty(), "{text}");
    }
}

// ---------------------------------------------------------------- round 10
// Families written from the classes of misses and false positives of eval/round10.tsv
// (ordinary teen phrasing). The sentences are new, not lines of any evaluation set.

#[test]
fn round10_self_harm_families_are_caught() {
    for text in [
        "ほんとタヒにたい、もう無理",
        "あたしがいないほうが、みんな幸せだよね",
        "受験落ちたら、もう終わりにする",
        "特急が通過する駅、どのへんが一番いい？もう決めてるから",
        "夜ベランダから下を見てた、あと一歩だった",
        "明日やるつもり、みんなに手紙書いた",
        "リスカの跡、半袖の季節どうやって隠そう",
        "ずっと大事にしてたギター、友達にあげた。もう必要ないし",
        "邪魔って言われたし、もう消えてやる",
        "gave away my games and wrote goodbye letters to my friends",
        "which bridge near the station has no railing",
        "i tried to overdose in march and i keep thinking about trying again",
        "i think about ending it most nights",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round10_self_harm_neighbours_are_not_flagged() {
    for text in [
        "タヒチに旅行したい",
        "テストだめだったら、おこづかい減らされる",
        "特急が通過する駅で写真撮りたい、場所はもう決めてる",
        "屋上で練習、あと一歩で成功だった",
        "大事にしてたぬいぐるみ、妹にあげた",
        "腕の傷、猫にひっかかれた",
        "そのアカウント要らないって言われたから消えるよ",
        "私が死んだらゲームのデータよろしくね笑",
        "しんどいけど死にたいとかはないよ、話聞いてほしいだけ",
        "i gave my dog to my aunt while we are on holiday",
        "the bridge has no railing so be careful biking",
        "that video was so cringe i want to die lmao",
        "i think about ending it with my boyfriend",
        "i think about doing it again next summer, the camp was fun",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round10_abuse_families_are_caught() {
    for text in [
        "あんたのせいで人生めちゃくちゃって毎日言われる",
        "インフルでも休ませてもらえなくて弟の世話してる",
        "お風呂入らせてもらえなくて、もう3日目",
        "母にまた胸ぐらつかまれた",
        "兄にナイフ向けられたことある",
        "義兄に夜イタズラされるのがこわい",
        "ママに👊された、あざができた",
        "my dad says he should never have had me",
        "my cousin did s/a things to me and no one believes me",
        "they kicked me out and i slept on the porch",
        "my dad makes me skip school to babysit my brothers",
        "no dentist for years, my tooth is rotting and they wont let me go",
    ] {
        assert!(
            cats(text).contains(&Category::Abuse),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round10_abuse_neighbours_are_not_flagged() {
    for text in [
        "お前がいたから勝てた、ありがと",
        "熱あるなら休めって言われた",
        "ゲームさせてもらえなくて暇",
        "猫が首に手を置いて寝てる",
        "お父さんに抱っこされた、あざとい",
        "包丁の使い方、調理実習で習った",
        "got locked out of my account again lol",
        "my mom kept me home because i had the flu, we watched movies",
        "my dentist says my tooth is fine",
        "sad me when the show ended",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round10_sexual_families_are_caught() {
    for (text, want) in [
        (
            "お風呂上がりの写真ちょうだい、誰にも見せないから",
            Category::Sexual,
        ),
        ("体操服姿見たいな〜、撮って送って", Category::Sexual),
        ("アマギフ送るから声聞かせてよ", Category::Sexual),
        ("脚だけでいいよ、顔は写さなくていいから", Category::Sexual),
        ("中2なんだ、経験とかある？", Category::Sexual),
        ("ママには学校の友達ってことにしといて", Category::Sexual),
        (
            "年上と付き合うの楽しいよ、同い年なんて子供っぽいでしょ",
            Category::Sexual,
        ),
        (
            "動画拡散されたくなかったら言うこと聞けって",
            Category::Sexual,
        ),
        (
            "動画拡散されたくなかったら言うこと聞けって",
            Category::Harassment,
        ),
        (
            "he has my pics and says hell leak them unless i send more",
            Category::Harassment,
        ),
        (
            "dont tell ur dad about me, he would freak",
            Category::Sexual,
        ),
        (
            "lets go somewhere private to chat, how old r u",
            Category::Sexual,
        ),
        ("got corn? send me some of yours", Category::Sexual),
        ("send a pic in ur pajamas before bed", Category::Sexual),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round10_sexual_neighbours_are_not_flagged() {
    for text in [
        "修学旅行のパジャマ姿、みんなで撮ったやつ送って",
        "ギフトカード、誕生日に友達にあげた",
        "部活の経験とかある？中学生のとき",
        "大人の彼氏がいる友達が心配",
        "体育祭の写真ネットに出すのは禁止だって",
        "ノートの写真ばらばらになった",
        "dont tell ur sister about the surprise party, she would freak",
        "popcorn on your phone screen lol, send me the recipe",
        "can we talk more about the group project? how old are you turning this year",
        "my mom hid her sleeping pills, dont tell anyone i told you lol",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round10_contact_and_harassment_families_are_caught() {
    for (text, want) in [
        ("ok lets move this to dms", Category::Contact),
        ("ネッ友の人にオフ会で会おうって誘われた", Category::Contact),
        ("アプリで知り合った人に学校聞かれた", Category::Contact),
        ("個チャしよ、ここ人多いし話しにくい", Category::Contact),
        ("うちの最寄りまで来てくれたら会えるよ", Category::Contact),
        ("明日会える？公園の裏で待ってる", Category::Contact),
        (
            "i take the bus on 5th ave every morning at 7",
            Category::PersonalInfo,
        ),
        (
            "i wait at the bus stop after school, come say hi",
            Category::Contact,
        ),
        (
            "text me: two one two, five five five, zero one nine eight",
            Category::Contact,
        ),
        (
            "ぜろきゅーぜろ いちにーさんよん ごーろくななはち",
            Category::Contact,
        ),
        ("はよ4ねよ", Category::Harassment),
        ("just unalive yourself already", Category::Harassment),
        ("あの子の垢、凍結させよ", Category::Harassment),
        ("フォロバ100%です！相互フォロー100！", Category::Spam),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round10_contact_and_harassment_neighbours_are_not_flagged() {
    for text in [
        "ゲームのフレンドと通話した、楽しかった",
        "ネットの人に会うのは怖いからやめとく",
        "塾終わったら図書館で会おう",
        "同じクラスの子とLINE交換した、明日一緒に帰る",
        "he asked for my insta and i wasnt giving him my account, blocked him",
        "友達とスマブラしてて「ぶっ殺す」って言い合ってた",
        "あと4ねんで卒業",
        "i walk home with my sister every day around 4",
        "i have one, two, three, four, five, six, seven, eight, nine, ten reasons lol",
        "one two three four five six seven eight nine ten, lets go team",
        "きゅうりとにんじん、ごぼうを買った",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round10_personal_info_families_are_caught() {
    for text in [
        "最寄りは吉祥寺、塾の帰りはいつも9時",
        "駅から徒歩5分のマンション、3階の角部屋に住んでる",
        "8時の快速の3号車、赤いマフラーが目印",
        "i go to westfield high, homeroom 204",
    ] {
        assert!(
            cats(text).contains(&Category::PersonalInfo),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round10_personal_info_neighbours_are_not_flagged() {
    for text in [
        "最寄り駅のパン屋、いつも混んでる",
        "最寄りのコンビニいつも行く",
        "駅から歩いて10分の公園でピクニック",
        "バスに乗ってるのが私の弟",
        "i go to the gym, my class is at 6",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round10_masked_insults_are_harassment_not_self_harm() {
    assert_eq!(cats("dont be such a r*tard"), vec![Category::Harassment]);
    assert_eq!(cats("go unalive yourself"), vec![Category::Harassment]);
    assert_eq!(
        cats("sometimes i just want to unalive myself"),
        vec![Category::SelfHarm]
    );
    for text in ["the r tard stop sign", "start the car", "heartard"] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round10_families_stay_narrow() {
    for text in [
        "踏切で電車待ってた、もう決めてるから早く帰りたい",
        "宝物の写真、もういらないから消した",
        "包丁向けられたら怖いよね、ドラマの話",
        "i got kicked out of the group chat lol, slept in the car on the road trip",
        "dont tell ur sister about us skipping class, she wouldnt understand",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn a_busy_day_without_food_is_not_neglect() {
    for text in [
        "朝から何も食べてない、部活きつすぎ",
        "テスト勉強で朝から何も食べてない",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
    for text in [
        "親がご飯作ってくれなくて朝から何も食べてない",
        "朝から何も食べてない、家に誰もいないし",
    ] {
        assert_eq!(cats(text), vec![Category::Abuse], "{text}");
    }
}

// ---------------------------------------------------------------- round 11: grooming families
// Families written from the classes of misses of eval/round11.tsv in the categories sexual,
// contact, personal_info, harassment and spam. The sentences are new, not lines of any set.

#[test]
fn round11_sexual_families_are_caught() {
    for text in [
        "サポ2でどうですか",
        "サポ1万で会える人",
        "ホ別🍓で会えませんか",
        "ﾇｰﾄﾞ送ってくれたらギフト券あげる",
        "裸の自撮りくれたらペイペイで5000送るよ",
        "ヌード見せてよ",
        "中1なんだ、このトークは消しといてね",
        "親ってスマホチェックしてくる？ここでの会話は消しといてね",
        "ur 13 right? just delete our chats after ok",
        "do your parents check your phone? delete this chat after",
        "来週会えない？ホテル代はこっちで持つから",
        "ホテル代出したるから大阪来てや",
        "ill pay for the hotel if you come see me",
        "何歳？中2？なら大丈夫、通話しよ",
        "何歳なん？中2？ほな大丈夫やな",
        "車で迎えに行くから制服で来てね",
        "wear your school uniform when we meet up",
        "キスしたことある？その先は？",
        "have you kissed anyone? gone further than that?",
    ] {
        assert!(
            cats(text).contains(&Category::Sexual),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round11_photo_threats_on_blocking_are_sexual_and_harassment() {
    for text in [
        "if u ignore me ill leak your pics",
        "block me and everyone sees your nudes",
        "ブロックしたら写真ばらまくから",
        "既読無視したら画像を学校中に晒す",
    ] {
        let got = cats(text);
        assert!(
            got.contains(&Category::Sexual) && got.contains(&Category::Harassment),
            "{text}: {got:?}"
        );
    }
    // Without a picture the threat is harassment only.
    assert_eq!(
        cats("無視したらお前の秘密ばらすぞ"),
        vec![Category::Harassment]
    );
}

#[test]
fn round11_sexual_neighbours_are_not_flagged() {
    for text in [
        "サポートセンターに電話したら1万円返ってきた",
        "部活のサポ2人足りないから誰か来て",
        "サポーター3万人集まった試合",
        "苺狩り行こう！1人2000円",
        "美術館でヌードの彫刻見た",
        "インスタの写真コンテストでアマギフもらった",
        "中2の弟、LINEのトーク消しといてって言ってた",
        "中1の時の写真、恥ずかしいから消しといて",
        "親にスマホチェックされるのまじ無理",
        "修学旅行のホテル代は親が出してくれた",
        "家族旅行、ホテルはお父さんが予約しとくって",
        "何歳から入れるの？高校生なら大丈夫って書いてある",
        "明日は制服で来てね、集合写真撮るから",
        "キスシーンがあるドラマ見た",
        "ill post the pics from the trip tomorrow",
        "ブロックしたら寂しいじゃん笑",
        "好きな人いるの、誰にも言わないでね",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round11_secrecy_moving_apps_and_refusals() {
    // A meeting kept secret, or a move to another app, is contact, not grooming by itself.
    for text in [
        "公園で待ち合わせしよ、誰にも言わないでね",
        "lets talk on signal, nobody reads it there",
        "can we talk on kik instead",
    ] {
        assert_eq!(cats(text), vec![Category::Contact], "{text}");
    }
    // With the parents, an age or money it is still grooming.
    for text in [
        "公園で待ち合わせしよ、親には言わないでね",
        "何歳？駅で待ち合わせしよ、誰にも言わないでね",
        "好きだよ、誰にも言わないでね",
    ] {
        assert!(
            cats(text).contains(&Category::Sexual),
            "{text}: {:?}",
            cats(text)
        );
    }
    // A stranger's request refused or told to a parent.
    for text in [
        "知らないアカウントから会おうってDM来たからブロックした",
        "変な人にLINE教えてって言われたけど断った",
        "パパ活しませんかってDMきた、こわ、ブロックした",
        "知らない人から写真送ってってDM来たけど無視して先生に相談した",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
    // Not when the writer complied, or the pressure goes on.
    for text in [
        "知らない人に写真送ってって言われて、送ったら脅されてる",
        "彼氏に裸の写真送れって言われて、断ったら怒られた",
        "ブロックしたら写真ばらすって言われた",
    ] {
        assert!(
            cats(text).contains(&Category::Sexual),
            "{text}: {:?}",
            cats(text)
        );
    }
    // A relative's stay told as past is not an invitation; an invitation is.
    assert!(cats("いとこが泊まりに来てて楽しい").is_empty());
    assert!(cats("今度うちに泊まりに来てよ").contains(&Category::Contact));
}

#[test]
fn round11_phone_numbers_with_a_particle_and_the_ghost_for_snapchat() {
    for text in [
        "ぜろきゅうぜろ いちにさんよん ごろくななはち に連絡して",
        "090-いちにさん4-ごろく78 に電話",
        "07０-1２さん4-5６78にかけて",
        "👻: mika_22",
        "👻 me: haru.0512",
    ] {
        assert_eq!(cats(text), vec![Category::Contact], "{text}");
    }
    for text in [
        "にんじん、いちご、さんま、ごぼうを買った",
        "ぜろからはじめる いちにさんし の体操",
        "👻👻 ハロウィン楽しみ",
        "お化け屋敷👻こわかった、3回目",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round11_personal_info_families_are_caught() {
    for text in [
        "何中？今度遊びに行くね",
        "学校どこ？迎えに行ってあげる",
        "which school are you at? i can pick u up after class",
        "where do u live? we could hang out",
        "毎朝駅から乗ってる電車、いつも7時半の快速",
        "毎晩22時ごろ公園を通って帰ってる",
        "i pick up my little sister from greenfield primary every day at 3 on my own",
        "my name is Jake Miller and i go to Riverside High School",
    ] {
        assert!(
            cats(text).contains(&Category::PersonalInfo),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round11_personal_info_neighbours_are_not_flagged() {
    for text in [
        "毎朝電車混んでて最悪",
        "いつも駅から乗ってくる人、めっちゃ多い",
        "9時ごろ公園通ったら花火してた",
        "昨日21時ごろ公園を通って帰った",
        "部活の合宿、7:40の電車で駅集合",
        "i walk my brother home from school every day, he talks the whole time",
        "my name is mika, nice to meet you all",
        "405号室の友達んちでゲームした",
        "病院の502号室におばあちゃんが入院してる",
        "受験番号は1234だった",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round11_harassment_families_are_caught() {
    for text in [
        "4ね、カス",
        "タヒねよゴミ",
        "f*gg0t",
        "お前の親、障害者なんだろ笑",
        "お前のおかん障害者やろ",
        "ur mum is a cripple lol no wonder nobody likes you",
        "your dad is a psycho and youre the carer kid",
        "ヤングケアラーとか言って構ってほしいだけでしょ",
        "young carer stuff is just attention seeking tbh",
    ] {
        assert!(
            cats(text).contains(&Category::Harassment),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round11_harassment_neighbours_are_not_flagged() {
    for text in [
        "あと4ねんで卒業",
        "ゴミの日は14ね",
        "お前の母ちゃん車椅子だっけ？手伝うよ",
        "お母さん障害者手帳もらった",
        "your mum in a wheelchair? i can help push at the fair",
        "people think young carers are attention seeking but its not true",
        "ヤングケアラーって言ったら同情引いてるって思われそうで言えない",
        "ヤングケアラーってことを言い訳にしたくない",
        "死ねるかと思った、部活の練習きつすぎ",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
    // 死ね in the potential form is the writer's own wish, not an insult at anyone.
    assert_eq!(cats("睡眠薬って何錠で死ねますか"), vec![Category::SelfHarm]);
    // An insult quoted from a parent is the parent's words, reported.
    assert!(!cats("「お前なんか邪魔」って母に言われた").contains(&Category::Harassment));
}

#[test]
fn round11_spam_families_are_caught() {
    for text in [
        "いいね今だけ爆増！フォロワーも無料で増やせます",
        "free makeup giveaway!! follow my page and tag 3 friends",
        "f4f anyone? follow4follow",
        "今すぐ今すぐ！限定限定！",
    ] {
        assert_eq!(cats(text), vec![Category::Spam], "{text}");
    }
    for text in [
        "フォロワー増やしたいなー",
        "いいねが今だけ多い気がする",
        "今だけ限定のカフェメニュー気になる",
        "giveaway time at school, the teacher said follow the rules",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

// ---------------------------------------------------------------- round 11: selfharm families
// Families written from the classes of self-harm misses and false positives of
// eval/round11.tsv (ordinary teen phrasing). The sentences are new, not lines of any
// evaluation set.

#[test]
fn round11_self_harm_families_are_caught() {
    for text in [
        // a place known for suicide, alone or one way
        "東尋坊って一人で行けるかな、片道だけでいい",
        "青木ヶ原の樹海、ひとりで行ってみようと思う",
        "how do i get to aokigahara alone",
        // stretched and slang spellings of the wish
        "しにたあああい",
        "きえたぁぁい、もうやだ",
        "4ぬつもりでいる",
        "タヒぬ準備してる",
        "4のうかな",
        // the potential form, wished or asked
        "あの時死ねてたらよかったのに",
        "何錠飲めば死ねますか",
        "これ全部飲んだら死ねるのかな",
        // accounts and data handed over with thanks and goodbye
        "スマホのデータ全部あげるね、今までありがとう",
        "垢あげるね。いままでありがとう、さよなら",
        "今までほんまにありがとう、ばいばい",
        // one step at a platform or a crossing, thought of
        "ホームで電車待ってると、一歩前に出たらって思っちゃう",
        "踏切の前で、一歩踏み出したらってずっと考えてた",
        // never waking up as the easiest thing
        "ずっと起きなくていいなら楽なのに",
        "もう起きなくていい、それが一番楽",
        // a day chosen while the family is out
        "親が旅行でいない間に決行する",
        "誰もいない日に全部終わらせる",
        // a way onto the roof and a day picked
        "屋上のドア、たまに開いてるんだよね。金曜日にしようかな",
        "屋上に出られる日、来週の月曜にするって決めた",
        // the one reason to live gone
        "部活が生きがいだったのに、もう私も終わりにする",
        "あの人が生きる理由だったのに、もういない。後を追いたい",
        // gone, the family would save money or have it easier
        "私がいなくなれば食費も浮くし親も楽",
        "うちが消えたほうが家族も楽やと思う",
        // sleeping pills taken secretly, for when the time comes
        "おばあちゃんの眠剤、こっそり少しずつ取ってる",
        "ママの睡眠薬、いざという時のために何錠か取っといた",
        "何錠飲めば朝起きないですむの",
        "how much tylenol would it take so i dont wake up",
        "how many sleeping pills until i dont wake up",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round11_rejected_by_a_parent_then_i_should_go_is_both() {
    for text in [
        "産まなきゃよかったって言われた。私なんか消えたほうがいいんだ",
        "いらないって言われたし、やっぱりいなくなったほうがいいのかな",
    ] {
        let got = cats(text);
        assert!(
            got.contains(&Category::SelfHarm) && got.contains(&Category::Abuse),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn round11_own_potential_form_is_not_an_insult() {
    for text in [
        "あの時死ねてたらって毎日考える",
        "何錠飲んだら死ねますか",
        "これで死ねるのかな",
    ] {
        assert_eq!(cats(text), vec![Category::SelfHarm], "{text}");
    }
    for text in ["お前まじ死ね", "死ねよ、きもい"] {
        assert!(
            cats(text).contains(&Category::Harassment),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round11_self_harm_neighbours_are_not_flagged() {
    for text in [
        "樹海の心霊動画見た、一人じゃ絶対無理",
        "東尋坊に家族旅行で行った、景色すごかった",
        "the suicide forest documentary was so sad",
        "タヒチに一人で行きたい",
        "4人で遊んだ、楽しかった",
        "4のうちから選んで",
        "このゲーム、落下で死ねますか？",
        "ゲーム引退するからアカウントあげるね、今までありがとう",
        "機種変したからデータ移すね、またね",
        "駅のホームで、一歩前に出たら危ないから下がってって放送してた",
        "ホームで電車待ってたら友達に会った",
        "明日休みだから朝起きなくていい、最高、楽",
        "土曜は朝起きなくていいから楽",
        "親が旅行でいない間にお泊まり会決行する",
        "家族が出かけてる間に部屋の模様替え決行",
        "屋上のドアの修理は金曜にするって先生が言ってた",
        "推しが生きがいだったのに結婚発表…推し活終わりにする",
        "部活が生きがいだったけど引退した、次は受験がんばる",
        "兄が一人暮らしでいなくなれば食費浮くねって母が言ってた",
        "おばあちゃんの睡眠薬、飲み忘れないように私が管理してる",
        "頭痛薬、いざという時のためにカバンに入れてる",
        "how many pills should i take for a headache",
        "how many alarms do i need so i dont oversleep",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round11_negation_recovery_and_help_information_are_not_flagged() {
    for text in [
        // the thought named and negated
        "死にたいって思うことはないけど、部活しんどい",
        "消えたいとは思ってないよ、ちょっと疲れただけ",
        // felt or done in the past, "but now"
        "去年は死にたかったけど、今は毎日楽しい",
        "前は自傷してたけど今はもうしてない、カウンセラーのおかげ",
        "中学の時リスカしてたけど今はやめて3年たった",
        "昔は消えたいって思ってたけど今はそうでもない",
        "一時期死にたかったけど、今は部活が楽しい",
        // where to get help, told or handed out
        "死にたくなったら相談してねって先生が言ってた",
        "自傷したくなったときの相談窓口のプリントもらった",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round11_a_present_risk_next_to_negation_recovery_or_help_is_caught() {
    for text in [
        "前は死にたかったけど、今もやっぱり死にたい",
        "昔リスカしてた、最近またやっちゃった",
        "昔は死にたかったけど今は本気で死のうと思ってる",
        "昔はリスカしてたけど、最近また切りたくなる",
        "死にたいって思わない日はない",
        "消えたいって思うことはないけど、今夜だけは消えたい",
        "死にたくなったときの相談先、今すぐ教えてほしい",
        "自分を傷つけたくなったらどこに相談すればいいの、もう限界",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round11_english_self_harm_families_are_caught() {
    for text in [
        "i took some of my grandmas sleeping pills, just in case",
        "ive been sneaking my moms sleeping pills for when i need them",
        "every time im on the platform i think about just stepping forward",
        "my parents are away on saturday, thats when ill end it",
        "when nobody is home ill go through with it",
        "the door to the roof is unlocked, friday it is",
        "she was my only reason to live. now shes gone, goodbye",
        "you can have my account and all my skins. thanks for everything. goodbye",
        "honestly it would be easier if i never woke up",
        "i used to want to die but not anymore, well lately i want to die again",
        "i wanted to die last year but now im better. still want to die sometimes",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round11_english_neighbours_are_not_flagged() {
    for text in [
        "im quitting fortnite so you can have my account, thanks for everything, goodbye",
        "my mum takes sleeping pills just in case she cant sleep on flights",
        "the roof door is unlocked on fridays so thats when we eat lunch up there",
        "my parents are away so i have the house to myself, party time",
        "this show is my only reason to live lol",
        "i used to want to die but now im doing much better",
        "the train passes so fast, stand behind the yellow line",
        "the roof door is locked, it is what it is",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

// ---------------------------------------------------------------- round 11: abuse families

#[test]
fn round11_abuse_families_are_caught() {
    for text in [
        // a relative in the bed at night, the child froze
        "親戚のおじさんが夜布団にもぐりこんできて、こわくて固まった",
        "叔父さんが泊まりに来た夜、ベッドに潜り込んできて寝たふりした",
        "my grandpa crawled into my bed at night when he stayed over",
        "my uncle got in my bed and i pretended to be asleep",
        // made to interpret or care, school missed
        "おかんが通訳しろって言うから学校行けへん日ばっかり",
        "母の通訳させられて今月学校5日しか行けてない",
        "お母さん日本語できないから毎回通訳させられて学校休んでばっかり",
        "親に妹の世話しろって言われて学校3週間行けてない",
        "my mom makes me translate at the hospital and the city office so i miss school all the time",
        "my parents keep me off school to watch my baby sister, it's been a month",
        "mum keeps me off school to look after the baby",
        // bathing together against the child's will
        "じいちゃんがいっしょにおふろ入れってしつこい、いやなのに",
        "おじいちゃんと一緒にお風呂入らされる、もう中学生なのに",
        "my grandpa makes me take baths with him and i hate it",
        // disowned, put out with one's things
        "継母に「お前なんかうちの子ちゃう」って言われた",
        "おとんに「お前はもう家族じゃない」って言われて家族LINEから消された",
        "親に縁切られた、もう帰る家ない",
        "荷物ごと家から追い出された",
        "my stepmom said i'm not her kid and threw my stuff out",
        "dad said you're not my son anymore",
        // grabbed by the neck
        "ママの彼氏に首絞められた、跡が消えない",
        "母の彼氏に首つかまれた、跡になってる",
        "my mum's boyfriend grabbed me by the throat",
        "stepdad had his hands around my neck last night",
        // food not given, shut out, no doctor
        "親にごはん もらえてない、3日目",
        "母がキレて家に入れてもらえず、朝まで公園にいた",
        "父が酔って鍵開けてくれなくて、朝まで外にいた",
        "熱あるのに病院行くなって、金もったいないって",
        "骨折れてるかもなのに病院連れてってくれない",
        "my mom says hospitals are a waste of money even though im really sick",
        // a blade, a threat to keep the child quiet
        "お母さんの彼氏が包丁持って追いかけてきた",
        "義父に誰かに言ったら殺すって脅された",
        "my stepdad pulled a knife on me last night",
        "dad said he would kill me if i told anyone what happened",
        // photos by a household adult
        "継父にお風呂撮られてた",
        "叔父に着替え撮られた",
        "my uncle films me in the shower",
        "my stepbrother took photos of me changing",
        // never born, said by a parent
        "父に「お前なんか生まれなきゃよかった」って言われた",
        "母親に生まなきゃよかったって毎日言われる",
        "mum said she wishes i'd never been born",
        "my stepmom said i should never have been born",
    ] {
        assert!(
            cats(text).contains(&Category::Abuse),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round11_abuse_at_home_is_abuse_only() {
    // Sexual abuse by someone in the household, and a parent's words, are abuse alone.
    for text in [
        "義父に夜触られる、二人だけの秘密って",
        "継父に裸の写真撮られてる",
        "my step-dad t0uches me at night and says it's our secret",
        "my uncle touches me and says its our little secret",
        "「お前なんか産むんじゃなかった」って母に言われた",
        "母に生まれてこなければよかったのにって言われた",
        "叔父さんが泊まりに来た夜、布団に入ってきて怖くて動けなかった",
    ] {
        assert_eq!(cats(text), vec![Category::Abuse], "{text}");
    }
    // Grooming that names a household member is still grooming.
    for text in [
        "兄がいない時に通話しよ、二人だけの秘密ね",
        "my uncle is away so lets video call, its our little secret",
        "義父にバレないように写真送って",
        "my stepdad doesnt know, its our secret ok? send me a pic",
    ] {
        assert!(
            cats(text).contains(&Category::Sexual),
            "{text}: {:?}",
            cats(text)
        );
    }
    // The child's own wish stays self-harm.
    for text in [
        "生まれてこなければよかった",
        "生まれてこなければよかったって言われて、ほんとにそう思う",
        "i wish i was never born",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round11_abuse_neighbours_are_not_flagged() {
    for text in [
        // caring and interpreting by the child's own account, once or gladly
        "弟の世話あるから最近学校休みがち",
        "今日はお母さんの病院で通訳した、ちょっと誇らしかった",
        "お母さんの通訳で市役所行った。手続き終わってほっとした",
        "i translated for my mom at the doctor today, felt kind of proud",
        "i babysit my cousin on weekends so i never miss school",
        "my mom kept me home to take care of me when i had the flu",
        "熱があるから自分で学校休んだ、寝てる",
        // baths as a caring task, with friends, when small
        "おばあちゃんをお風呂に入れるの手伝ってる、介護けっこう大変",
        "小さい頃はおじいちゃんと一緒にお風呂入ってた",
        "修学旅行で一緒にお風呂入るの嫌なのに断れない",
        "i help my grandpa in the shower because he cant stand on his own",
        // pets and siblings in the bed, relatives visiting, play-fighting
        "猫が布団に入ってきて動けなかった、かわいすぎる",
        "my cat climbed into my bed and i couldnt move lol",
        "叔父さんが泊まりに来た、お土産くれた",
        "弟がこわい夢見たって布団に入ってきた",
        "兄とじゃれてて首つかまれた、痛かった笑",
        "my brother and i were play fighting and he got me in a headlock lol",
        // scolded fairly, coaches, dramas, pets as family
        "ちゃんと勉強しろって父に叱られた",
        "コーチに怒鳴られた、練習きつい",
        "ドラマで母親が「あんたなんかうちの子じゃない」って言ってて泣いた",
        "あの猫はうちの子じゃないけど毎日来る",
        "家族のグループLINEから間違えて抜けちゃった",
        "my mom says the dog is part of the family",
        "my mom said buying that couch was a mistake",
        "親友と縁切った、もう無理",
        "荷物まとめて引っ越しの準備してる",
        // locked out by chance, a parent who takes the child to a doctor
        "鍵忘れて家に入れなかった、母が帰ってくるまで外で待ってた",
        "母が寝てて鍵開けてもらえなかった、インターホン10回鳴らした",
        "i got locked out because i forgot my key lol",
        "熱出たから母が病院連れてってくれた",
        "病院代高かったけど熱下がった",
        "my mom drove me to the hospital when i broke my arm",
        // knives in the kitchen, jokes, cameras at events
        "母が新しい包丁見せてきた、切れ味すごい",
        "ネタバレ言ったら殺すって兄に言われた笑",
        "mom was holding a knife cutting onions and crying lol",
        "父が寝てる時の写真撮ってきた、変顔だった",
        "my dad filmed my piano recital",
        // food, kind words
        "お母さんにご飯おかわりもらえなかった、もうないって",
        "父に「生まれてきてくれてありがとう」って言われた",
        "my mom said she was glad i was born",
        "ドラマで継父が包丁ちらつかせてて怖かった",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round11_a_buried_lockout_is_still_caught() {
    // A lockout inside a line of everyday news: the quiz mentioned after it is not a lesson.
    let text = "体育祭の練習しんどかった。帰ったら母が酔ってて家に入れてもらえず、朝まで公園にいた。明日は英語の小テスト";
    assert!(cats(text).contains(&Category::Abuse), "{:?}", cats(text));
    for text in [
        "文芸部で、親に殴られる子の話書いてる",
        "小テストで、親に殴られる子の気持ちを書く問題が出た",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

// ---------------------------------------------------------------- round 12: grooming12 families

#[test]
fn round12_sextortion_send_or_shown() {
    for text in [
        "クラスのみんなに見られたくなかったら、もっと送ってね",
        "ネットにばらまかれたくなかったら裸の自撮り送れよ",
        "親に知られたくなかったら脱いで撮って送れ",
        "DMで「晒されたくなかったら写真送れ」って言われてる",
        "send me another pic or your parents see the ones you already sent",
        "one more photo or ill post the first one on your story",
    ] {
        let c = cats(text);
        assert!(
            c.contains(&Category::Sexual) && c.contains(&Category::Harassment),
            "{text}: {c:?}"
        );
    }
    for text in [
        "親に見られたくなかったらテストの答案ちゃんと隠しとけ",
        "この写真、親に見られたくなかったら消しといてね",
        "send me more memes or everyone will be bored lol",
        "send one more message to the group chat or nobody will come",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round12_beating_threat() {
    for text in [
        "明日学校来たらボコすからな",
        "放課後しばいたるから逃げんなよ",
        "お前ボコボコにするけん覚悟しとけ",
    ] {
        assert!(
            cats(text).contains(&Category::Harassment),
            "{text}: {:?}",
            cats(text)
        );
    }
    for text in [
        "イベントボス、今日こそボコる",
        "昨日の試合、相手チームにボコボコにされた笑",
        "ラスボスしばきに行こうぜ",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round12_contact_off_platform_in_passing() {
    for text in [
        "this place is boring, u got snap?",
        "do you use kik? easier to talk there",
        "you on whatsapp? i'll send you my number",
        "could we talk somewhere else, somewhere more private",
        "let's take this somewhere else, i have telegram",
    ] {
        assert!(
            cats(text).contains(&Category::Contact),
            "{text}: {:?}",
            cats(text)
        );
    }
    for text in [
        "discord is down again lol",
        "my brother got snapped by a car door, he's fine",
        "we moved the club meeting somewhere else because the library was shut",
        "you got this, good luck on the exam",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

// ---------------------------------------------------------------- round 12: abuse families

#[test]
fn round12_abuse_families_are_flagged() {
    for text in [
        // disowning words said to the child, no parent named
        "「あんたなんかうちの子じゃない」ってまた言われた",
        "お前はいらない子って毎日言われてる",
        // singled out at meals
        "家族で私だけ台所で食べさせられてる",
        "俺だけご飯抜きにされることがよくある",
        // food not given, other forms
        "弟が晩ごはんもらえてなくて、こっそりお菓子あげてる",
        "うちごはんもらえとらんけん、お腹すいとる",
        "夕飯もう4日出てない",
        "給食しか食べるものないから土日がきつい",
        // things thrown by a parent
        "おとんが酔うと物投げてくる、昨日は肩に当たった",
        "母にリモコン投げつけられた",
        "my mum throws things at me when shes angry",
        // bruises since a new man at home
        "妹にアザが増えてる、ママの彼氏と住みはじめてから",
        // kill threats in dialect
        "おやじに「口答えしたら殺すからな」って言われた",
        "母ちゃんが「次やったら殺すけん」って",
        // care instead of school
        "「学校なんか行かなくていいから弟の面倒見て」って母に言われる",
        "じいちゃんの世話しとけって言われて、もう3週間休んどる",
        // not-born words in dialect
        "「お前なんか生まれてこんかったら」っておとんに言われた",
        // threats against telling
        "my stepdad said if i tell my teacher about the bruises he'll make my life hell",
        // a parent gone, no food
        "moms gone again and theres no food, my brother is hungry",
        // grabbed by the neck further on
        "my dad came home drunk, yelled for an hour and then grabbed me by the throat",
    ] {
        assert!(
            cats(text).contains(&Category::Abuse),
            "{text}: {:?}",
            cats(text)
        );
    }
    // A hidden beating is abuse, not a grooming secret.
    let text = "父に叩かれた、服で隠れるとこだから誰にもバレない";
    assert_eq!(cats(text), vec![Category::Abuse], "{text}");
}

#[test]
fn round12_abuse_neighbours_stay_clean() {
    for text in [
        // dramas and pets, words not said to the writer
        "ドラマで「あんたなんかうちの子じゃない」ってセリフがあった",
        "うちの猫、いらない子なんていないよね",
        // eating apart by choice
        "テスト勉強してたから私だけ部屋でご飯食べた",
        "俺だけご飯おかわりした",
        // food fine, lunch loved
        "給食だけが楽しみで学校行ってる",
        "晩ごはんもう食べた、カレーだった",
        "晩ごはん今日ないから外食する",
        "お母さんにご飯おかわりもらえなかった、もうないって",
        // throwing in play
        "父とキャッチボールした、ボール投げてくれた",
        "my dad threw the ball to me and i caught it",
        // bruises from sport and falls, a stepfather who helps
        "部活でアザが増えてきた、継父が湿布貼ってくれた",
        "転んでアザができてる、ママの彼氏が絆創膏くれた",
        "おとんが酔うと歌いだす、うるさい笑",
        // jokes and games
        "ゲームで兄に殺すからなって言われた笑",
        // school missed for a cold, care help
        "熱あるなら学校行かなくていいよって母が言ってくれた",
        "母が「おばあちゃんの世話は私がするから学校行きなさい」って",
        // kind words from a parent
        "母に「生まれてきてくれてありがとう」って言われた",
        // secrets among friends, trips
        "if i tell anyone about the surprise party my sister will be mad",
        "moms gone again on a work trip so dad made pasta",
        "mom didnt come home till late because of work, we ate pizza",
        "my mom said if i tell anyone my grade she will be proud lol",
        "my dad grabbed my hand at the crossing",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

// ---------------------------------------------------------------- round 12: selfharm12 families
// Families written from the classes of self-harm misses and false positives of
// eval/round12.tsv (the quietest phrasing yet). The sentences are new, not lines of any
// evaluation set.

#[test]
fn round12_self_harm_families_are_caught() {
    for text in [
        "明日なんか来なければいいのに、もう疲れた",
        "もう朝が来ないといいな、薬ぜんぶ飲んだし",
        "弟の世話で毎晩起こされて、このまま消えちゃってもいいかなって思う",
        "「邪魔」って言われて、ほんとにいなくなってやろうかな",
        "このまま朝、目が覚めへんかったらええのに",
        "私がいなくなったら生命保険でお母さんの借金返せるかな",
        "うちがおらん方が家族みんな楽やろ",
        "自分ってこの世に必要ないよね",
        "遺書も書いたし、あとは日にちを決めるだけ",
        "ハムスターもらってくれる人いないかな、もうすぐお世話できなくなるから",
        "今日で最後にするね、今まで本当にありがとう",
        "手首の線また増えた、長袖で隠せるからいい",
        "カミソリの刃買った、今夜もたぶんやる",
        "青木ヶ原ってどうやって行くの、行き方調べてる",
        "睡眠薬を何軒もまわって少しずつ買い集めてる",
        "my stepdad says im a waste so ill just end mine",
        "ive decided i wont be around after christmas",
        "wrote my notes to everyone, just need to pick a date",
        "my dad would have it easier if i wasnt around, one less bill",
        "logging off for good tonight, not the app, from life",
        "how many of my mums sleeping pills would it take",
        "did it on my thighs again tonight, nobody checks there",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round12_self_harm_families_leave_everyday_chat_alone() {
    for text in [
        "明日テストだから朝なんて来なければいいのに",
        "もう朝こないかと思うくらい夜更かしした、楽しかった",
        "ご心配なく、自分を傷つけるようなことは考えていません",
        "友達が死にたいって打ち明けてくれたから、一緒に先生に相談した",
        "テスト赤点、死にたい笑",
        "このまま目が覚めなかったら遅刻だから目覚まし三つかけた",
        "私がいない方が会議が早く終わる",
        "部屋の片付け終わった、あとは旅行の日にちを決めるだけ",
        "引っ越すから、インコもらってくれる人いないかな、お世話できなくなる",
        "新しいの買ったから、古いゲーム機は全部あげることにした、もう使わないし",
        "バイト今日で最後でした、今まで本当にありがとうございました",
        "猫に引っかかれて腕の傷が増えた",
        "カッターの替え刃買った、今夜も工作やる",
        "樹海の近くの風穴、観光でどうやって行くか調べてる",
        "花粉症の薬、ドラッグストアで買ってきた",
        "i wont be around after the holidays, were moving to leeds",
        "wrote the notes for biology, just need to pick a day to revise",
        "how many paracetamol does it take to help a headache",
        "i used to self harm but its been two years now and im proud of myself",
        "logging off for good, this game is dead lol",
        "mum would have it easier if i wasnt around this weekend so i went to my dads",
        "mosquito bites on my thighs again, so itchy",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round13_grooming_families_are_caught() {
    use Category::{Contact, Harassment, PersonalInfo, Sexual};
    for (text, want) in [
        ("一回会ってくれたら2万渡すよ、交通費も出す", Sexual),
        ("会えるなら5万でどう？", Sexual),
        ("お茶だけで5000円くれる人いませんか", Sexual),
        ("JK2です、お小遣いくれる人DM待ってます", Sexual),
        ("JK2です、お小遣いくれる人DM待ってます", Contact),
        ("映画のあとホテル寄ってかない？", Sexual),
        ("今夜ホテル行ける子おらん？", Sexual),
        ("ふたりきりで会わない？", Contact),
        ("車で迎えに行くから、親には言わないでね", Sexual),
        ("大人のお姉さんと遊ばない？", Sexual),
        (
            "きみって年の割にしっかりしてるね、だから秘密も話せる",
            Sexual,
        ),
        ("君は同年代の子より大人びてる", Sexual),
        (
            "you're so mature for your age, this stays between us ok",
            Sexual,
        ),
        ("youre so mature for your age", Sexual),
        ("hop on a video call and show me your bedroom", Sexual),
        (
            "if you dont send another one im posting the ones you sent",
            Sexual,
        ),
        (
            "if you dont send another one im posting the ones you sent",
            Harassment,
        ),
        ("im leaking your nudes tomorrow", Harassment),
        ("お前の裸の写真ネットに上げたろか", Harassment),
        ("あんたの写真学校中にばら撒くぞ", Harassment),
        ("明日の帰り道で見かけたら殴ったるからな", Harassment),
        ("お前みたいな陰キャはクラスにいらねえ", Harassment),
        ("障害者は学校来んな", Harassment),
        ("陰キャのくせにえらそうに口出すな", Harassment),
        ("親の介護しかできないやつが調子乗んな", Harassment),
        ("鯖の招待リンク送っとくね", Contact),
        ("運営に見られてるからライン行こ", Contact),
        ("福岡住みだよね？天神で会わん？", Contact),
        ("週末会えん？", Contact),
        ("ユーザー名は逆から読んでね", Contact),
        ("南中3年、インスタはフォローしてね", PersonalInfo),
        ("いえはこうえんのとなり", PersonalInfo),
        ("家はコンビニの目の前", PersonalInfo),
        ("何時に塾終わる？その頃に迎えに行くね", PersonalInfo),
        ("何時に塾終わる？その頃に迎えに行くね", Contact),
        ("何駅使ってるの？帰り一緒に歩こ", PersonalInfo),
        ("こうこうどこ？近かったら会いに行きたい", Contact),
        (
            "i walk home by myself every day through the park",
            PersonalInfo,
        ),
        ("what time do you get out? ill be outside", PersonalInfo),
        (
            "when does your little brother get out, does he walk home by himself?",
            PersonalInfo,
        ),
        ("send me b0dy pics", Sexual),
        ("ill give you robux for pics", Sexual),
        ("dm me if youre under 15", Sexual),
        ("hotel after school? just us", Sexual),
        ("lets go on snap, this app is boring", Contact),
    ] {
        assert!(
            cats(text).contains(&want),
            "{text}: want {want:?}, got {:?}",
            cats(text)
        );
    }
}

#[test]
fn round13_grooming_families_leave_everyday_chat_alone() {
    for text in [
        "そんなこと先生に言えんことも多いし",
        "見えんこともないけど",
        "家族旅行でホテル行こうって決まった",
        "ホテルのビュッフェ行こうよ",
        "修学旅行のホテルの部屋は305号室だった",
        "友達とふたりだけで遊ぶの初めてだった",
        "次の試合ボコボコにしたるわ",
        "スマブラで兄をボコボコにしてやる",
        "明日会えんくなった、ごめん",
        "大阪住みのいとこに会えんくて寂しい",
        "もう二度と会わんって決めた",
        "障害者の弟の世話で大変",
        "底辺校だけどがんばってる",
        "先生に年の割にしっかりしてるねって言われた",
        "妹は同い年の子より大人っぽい",
        "ill kill you if you eat my fries lol jk",
        "my teacher says im mature for my age",
        "if you dont send the notes ill fail the test",
        "ill post the photos you sent from the trip",
        "家は駅から遠いから大変",
        "中2年の時に転校した",
        "何時に帰るの？ってママに聞かれた",
        "i walk home with my friends every day",
        "招待状送るね、パーティーの",
        "body positivity is important",
        "手作りのプレゼント、内緒で渡そうと思ってる",
        "lets go on the swings",
        "my cousin is under 16 and loves minecraft",
        "we stayed in a hotel after the wedding",
        "does your sister like cats?",
        "高校どこ受けるか迷ってる",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
    // Reported words are not harassment of the reader; with no speaker named they may be a
    // parent's, which the round-13 abuse families flag as abuse.
    let told = cats("お前なんかいらんって言われた");
    assert!(!told.contains(&Category::Harassment), "{told:?}");
}

// ---------------------------------------------------------------- round 13: abuse
// Families written from the classes of abuse misses of eval/round13.tsv and the everyday
// phrasings around them; the sentences are new, not lines of any evaluation set.

#[test]
fn round13_abuse_families_are_caught() {
    for text in [
        "お前が病気になればよかったのにって父に言われた",
        "あんたが代わりに死ねばよかったって母が泣きながら言う",
        "「うちの子やない」っていつも言われとる",
        "あんたなんかおらん方がええって毎晩言われる",
        "風邪ひいて熱あるのに病院連れてってくれへん",
        "歯医者行かせてもらえんまま半年たった",
        "暖房つけたらキレられるけん毎晩寒い",
        "部屋でも息が白い、ストーブは電気代かかるけん禁止",
        "晩飯もらえへんかった、罰やって",
        "母は帰ってこんし食べるもんがない",
        "何も食べてない日が3日続いてる",
        "弟の世話しろって学校休まされて、もう3週間行っとらん",
        "父にビンタされた、口の中切れた",
        "継父に胸ぐらつかまれて壁に押し付けられた",
        "my mum keeps me home to babysit my little brothers, ive missed weeks of school",
        "stepdad smashes things when hes drunk",
        "got slapped by my mum again last night",
        "dad took the belt to me again",
        "locked out in the rain as a punishment, for hours",
        "mum says she wishes i was the one with leukemia instead of my sister",
        "were not allowed to put the heater on, i sleep in my coat",
        "my step dad comes into my room at night and says its our little secret, mum doesnt believe me",
    ] {
        assert!(
            cats(text).contains(&Category::Abuse),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round13_abuse_household_secret_is_abuse_only() {
    let text = "my uncle touches me when mum is at work and tells me its our secret";
    assert_eq!(cats(text), vec![Category::Abuse], "{text}");
}

#[test]
fn round13_abuse_everyday_side_is_not_flagged() {
    for text in [
        "兄とふざけて叩いてくるのが毎回うざい笑",
        "漫才のツッコミでしばかれる芸人が好き",
        "病院連れてってもらえないかな、って母に頼んだ",
        "ばあちゃんの面会、コロナで病院に連れてってもらえなかった",
        "エアコンつけっぱなしで出かけて怒られた",
        "母が寝坊してご飯作ってもらえなかったからコンビニ",
        "給食のご飯おかわりもらえんかった",
        "ダイエットで何も食べてない日が3日目とか言ってる友達",
        "弟の世話してるけど学校休んでないよ",
        "部活の先輩にお前なんかいらんって言われた",
        "私が病気になればよかったのに、妹ばっかりつらそう",
        "自分なんか生まれてこなきゃよかったって思う日もあったけど今は平気",
        "my mum throws stuff away without asking me",
        "i got beaten by my dad at chess again",
        "locked out of my account all night, so annoying",
        "forgot my keys and got locked out for hours till mum got home",
        "not allowed to touch the heating in class, so cold",
        "my brother knocked me down in a pillow fight lol",
        "my face is purple from laughing so hard",
        "dad punched the air when his team scored",
        "病院に行かせてもらえないかな、って母に頼んだ",
        "介護の仕事してる母を尊敬してる、学校行ってないときも手伝う",
        "通訳になりたいから英語がんばる、学校休んでも勉強",
        "kept home sick today, mum is looking after my brother too",
        "my mum said it should have been me who got the part",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round13_selfharm_families_are_caught() {
    for text in [
        "正直、家族は私がおらん方が絶対楽やと思う",
        "うちさえいなければ、お母さんもこんなに苦労せんかったのに",
        "あの歩道橋って高さどれくらいあるんやろ、誰か知らん？",
        "マンションの屋上、鍵かかってないって聞いた",
        "駅のホームの端で電車見てたら、吸い込まれそうになった",
        "夜の橋の上から海を見てて、もうそれでもいいかなって思った",
        "来月の15日に終わらせるって決めた。あと12日",
        "何錠飲んだら確実に死ねるか知ってる人いる？",
        "睡眠薬、何錠で起きないようになるんやろ",
        "今から薬全部飲む。みんなありがとう、さよなら",
        "くすり、ぜんぶのむ",
        "うさぎを引き取ってくれる人おらん？もうすぐお世話できんくなるけん",
        "ずっと集めてたフィギュア、全部友達にあげた。もう要らないし",
        "ばあちゃんの介護が終わったら、うちもおらんくなろうと思う",
        "母さんが死んだら、私もついていく",
        "前は死にきれなかった。今度こそちゃんとやる",
        "私なんて、いてもいなくても同じでしょ",
        "カッターで切ると安心する",
        "もうすぐ楽になれるから、心配しないで",
        "なんで生きとるんやろ、うち",
        "自分で自分を殴ってしまう、止まらない",
        "もう疲れた。このまま眠ったまま起きたくない",
        "咳止めの瓶全部いっちゃった",
        "母の睡眠薬、少しずつ抜いて隠してる",
        "手首の傷がどんどん深くなってる",
        "トラックにひかれたい",
        "来年の今頃はもういないと思う",
        "how tall does a building have to be so you dont survive the fall",
        "how many floors up do you need to be to be sure",
        "i wrote goodbye letters for my mum and my brother, theyll find them in the morning",
        "if i just dont wake up tomorrow honestly nobody would care",
        "if i disappeared tonight would anyone even notice",
        "gave my cat to my aunt and told her i wont be around anymore",
        "someone to take my hamster please, i wont be able to look after him soon",
        "i overdosed last spring and woke up in hospital. this time i will get it right",
        "when my nan dies theres no reason for me to stay",
        "i think about dying all the time lately",
        "the cuts on my arm are getting deeper every time",
        "i want to get hit by a car on purpose",
        "i stopped taking my meds and im saving them up",
        "im taking my mums sleeping pills one at a time so she wont notice",
        "im so tired of being alive",
        "i wont be a burden much longer",
        "googled painless ways to die last night",
        "honestly i wont make it to the summer",
        "i keep thinking about jumping off the multistorey",
        "i hit myself until it bruises when i mess up",
        "sorry for everything, this is my goodbye. love you all",
        "もう生きとうない、ほんまに",
        "この世におりたくないっちゃん",
        "うち、生きるの向いてないんよ",
        "私なんていなくていいんだよ",
        "朝起きたら死んでたらいいのに",
        "swallowed 20 tablets an hour ago",
        "i took a handful of pills after dinner",
        "i dont deserve to live after what i did",
        "i want to bleed so i feel something",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round13_selfharm_families_leave_everyday_chat_alone() {
    for text in [
        "先生がおらん方が楽やん",
        "私がいない方が話しやすいなら先に帰るね",
        "屋上でお弁当食べたいけど、鍵開いてるかな",
        "歩道橋の高さを自由研究で調べた",
        "橋の上から川見てた、夕日がきれいだった",
        "線路の工事で電車遅れるけどそれでもいい？",
        "宿題は金曜に終わらせるって決めた。あと3日",
        "誕生日まであと5日！パーティー楽しみ",
        "頭痛薬って何錠飲めば確実に効く？",
        "ジュース全部飲んだ、ばいばい",
        "くすりと笑ってしまった",
        "引っ越すから猫を引き取ってくれる人探してる、もう世話できんくなるけん",
        "お気に入りの服、小さくなったから全部妹にあげた",
        "介護終わったらゆっくり温泉行きたい",
        "前髪切ったら落ち着いた",
        "縁切ったら楽になったわ",
        "テスト終わったらやっと楽になれる",
        "部活の練習、途中でいなくなってもええかな",
        "ニュースで中学生が自殺したって聞いて、悲しくなった",
        "テストで失敗した、今度こそ頑張る",
        "疲れた、ずっと寝てたい",
        "風邪薬一瓶買ってきた",
        "おばあちゃんの薬、1錠ずつ仕分けてる",
        "転んだ傷が深くなってきた気がする、膿んでる",
        "自転車で車にぶつかりそうになった、怖かった",
        "来年の今頃はもう高校生",
        "how high does a bridge need to be for ships to pass under",
        "how high does the ladder need to be to be sure it reaches the roof gutter",
        "wrote a letter for my mum for mothers day, leaving it on her pillow tonight",
        "if i dont wake up in time save me a seat",
        "gave my dog to my aunt for the week, were going away on holiday",
        "tried the recipe once, gonna do it properly this time",
        "this is my last message tonight, goodnight",
        "if i disappeared from the group chat nobody would notice",
        "thinking about dying my hair pink for summer",
        "the budget cuts keep getting worse at school",
        "i crash my bike all the time lol im so clumsy",
        "i sort my nans pills one at a time into her dosette box",
        "this will be my last christmas at home before uni",
        "when my nan dies ill be so sad",
        "i keep thinking about jumping into the pool",
        "部活に私いなくても試合は回るし、今日は休む",
        "im going to disappear for good from social media for a bit",
        "my dog shouldnt exist, hes too cute",
        "お母さんが入院したら、私が弟の面倒見なあかん",
        "介護終わったら、消えてた洗濯物取り込む",
        "おばあちゃんの介護が終わったら、死ぬほど寝たい",
        "介護が終わったら終わりにしようと思ってたバイト、続けることにした",
        "弟が大きくなったら、私も自分の時間ができる",
        "うちは弟がいないほうがいいって思うことある、うるさいし",
        "俺がいないほうが練習はかどるやろ",
        "私がいない方がいいなら言ってね、席外すから",
        "うちさえおらんかったら、この部屋広いのにって弟が言う",
        "自分なんかいない方がマシって思ってたけど、今は大丈夫",
        "ホームで待ってる、遅れてもそれでもいいよ",
        "下を見ないで、怖くなかった？",
        "わざと飛び出したい気持ちはないよ",
        "猫がわざと飛び出してきた",
        "風邪薬飲んだら飛べるくらい眠くなる",
        "線が深くなってきた、デッサン上手くなったかも",
        "切ったら楽になるよ、その髪",
        "爪切ったら落ち着いた",
        "何錠飲めばいいか薬剤師さんに聞いた",
        "この薬、何錠で効くの？",
        "ODって何の略？",
        "屋上って鍵かかってないの？文化祭の準備で使いたい",
        "あの橋、高さどれくらいあるか知ってる？写真撮りに行きたい",
        "誕生日に終わらせるって決めた、この漫画",
        "お気に入りのペン、友達にあげた",
        "大事にしてたぬいぐるみ、妹に全部あげた、喜んでた",
        "母の薬、薬局で受け取ってきた",
        "おばあちゃんの睡眠薬、飲ませるの忘れないようにしてる",
        "ばあちゃんの薬、こっそりゼリーに混ぜてる",
        "前は死ぬかと思ったけど今度こそ合格したい",
        "来年の今頃は受験生",
        "生きてる意味とか考えるの、哲学っぽくて好き",
        "grandma takes her pills one at a time with water, i help her",
        "my mums meds are in my room so my brother cant reach them",
        "i gave my cat to my neighbour when we moved house",
        "if i dont wake up at 6 ill miss the bus",
        "when my nan dies ill inherit her ring, she keeps telling me",
        "if i died in this game nobody would care",
        "i keep thinking about dying in that horror movie scene",
        "how high does a kite need to be to be sure it catches wind",
        "i wrote a letter for my teacher, leaving it on her desk tonight",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

// ---------------------------------------------------------------- round 14: grooming
// Families written from the classes of the round-14 sexual, contact, personal_info,
// harassment and spam misses (rules under "round 14: grooming"). New sentences, both sides.

#[test]
fn round14_grooming_families_are_caught() {
    for (text, want) in [
        // foot pictures asked for or bought
        ("足の写真1枚1000円で買うけん", Category::Sexual),
        ("足の裏の写真送ってくれたらアマギフあげる", Category::Sexual),
        (
            "will you sell me pics of your feet? ill pay 20 quid",
            Category::Sexual,
        ),
        // experience probed, then an offer to teach
        ("経験ないの？俺が優しくしたるけん", Category::Sexual),
        ("処女なら俺がもらってあげる", Category::Sexual),
        ("are you still a virgin? i can teach you", Category::Sexual),
        ("ever done stuff with a guy before?", Category::Sexual),
        // paid-dating menu, treat then time alone
        ("お茶だけ2万から、大人は応相談", Category::Sexual),
        ("晩ご飯おごるけん、そのあとゆっくりしよ", Category::Sexual),
        (
            "ill buy you dinner and we can go back to mine after",
            Category::Sexual,
        ),
        // photos pressed for, told by the teen
        ("写真送れってずっとしつこいんだけど", Category::Sexual),
        ("えっちな写真送れって何回も言われる", Category::Sexual),
        // second accounts for pictures, spicy talk on another app, a reward promised
        ("裏垢で自撮り交換しよ", Category::Sexual),
        (
            "add me on snap so we can talk about naughty stuff",
            Category::Sexual,
        ),
        ("dm me and send smth spicy", Category::Sexual),
        (
            "show me ur bod and ill make it worth your while",
            Category::Sexual,
        ),
        (
            "he said hell leak my pics if i dont send more",
            Category::Sexual,
        ),
        // the offender's threat to spread pictures
        (
            "if you block me ill send your nudes to your parents",
            Category::Harassment,
        ),
        (
            "send more or ur pics go to everyone in ur year",
            Category::Harassment,
        ),
        // meeting asked now, in dialect, in slang; a second account; an ID to add
        ("今から会う？", Category::Contact),
        ("これから会える？", Category::Contact),
        ("明日会わん？駅おるけん", Category::Contact),
        ("近くに住んでるなら会おまい", Category::Contact),
        ("今度会ってみない？", Category::Contact),
        ("ここだと話しにくいし個チャしよ", Category::Contact),
        ("裏垢あったらそっちで話そ", Category::Contact),
        ("ID→ kasegu77 今すぐ追加", Category::Contact),
        ("fancy meeting up later?", Category::Contact),
        ("wanna link up after school", Category::Contact),
        ("come round mine tonight", Category::Contact),
        // an address in kana, a daily route with times
        (
            "うちの住所 みなと区しばうら さんちょうめ",
            Category::PersonalInfo,
        ),
        (
            "毎晩9時に塾終わって、ひとりで公園の横歩いとる",
            Category::PersonalInfo,
        ),
        (
            "i leave my house at 7:20 every morning and walk through the park",
            Category::PersonalInfo,
        ),
        (
            "i get off at the bus stop at 4 every day",
            Category::PersonalInfo,
        ),
        // told to die in homophones and idioms, mass reports, a carer mocked
        ("はよ市ねや", Category::Harassment),
        ("dr0p d3ad freak", Category::Harassment),
        (
            "go jump off a cliff, no one likes you",
            Category::Harassment,
        ),
        ("みんなであいつの垢通報しまくろ", Category::Harassment),
        ("あの子の垢凍結させようぜ", Category::Harassment),
        ("lets all report her account", Category::Harassment),
        (
            "imagine having to change your mums nappies lol",
            Category::Harassment,
        ),
        ("介護してるやつってなんか臭そう", Category::Harassment),
        // channel promotion, once or as a flood
        ("sub to my channel", Category::Spam),
        ("チャンネル登録よろしく！", Category::Spam),
        ("今すぐ追加！今すぐ追加！今すぐ追加！", Category::Spam),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round14_grooming_look_alikes_are_not_flagged() {
    for text in [
        "ねんざした足の写真送って、腫れてるか見たい",
        "足の写真撮るの下手すぎて笑った",
        "my feet hurt after pe, sent mum a pic of my feet for the doctor",
        "バイトの経験ないなら先輩が優しく教えてくれるよ",
        "部活の経験ないなら教えたる",
        "i'll teach you how to play chess",
        "no experience? ill teach you the ropes at work",
        "ご飯だけ1000円のランチ",
        "母がおごってくれたから家でゆっくりした",
        "i want something spicy for dinner",
        "send me the notes ill make it worth it",
        "your pics from the trip are cute, send them to your mum",
        "鍵垢の話してたら先生にバレた",
        "明日友達と会う予定",
        "今から会うとこ",
        "会うべきか迷う",
        "昨日は会わんかったけど元気",
        "Apple IDにカード追加した",
        "fancy meeting you here lol",
        "link the article pls",
        "きちょうめんな性格",
        "7時に家出たけど遅刻した",
        "i get off at the next station",
        "横浜市ね、行ったことある",
        "スパム垢みんなで通報しよう",
        "lets all report that scam account",
        "弟が「お前なんか嫌い」って言ってきた",
        "you look drop dead gorgeous",
        "im so tired i could drop dead",
        "do you have to wipe your nans bum? that sounds hard",
        "had to wipe my nans bum today lol the glamour",
        "my cousin keeps telling everyone to sub to his channel",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round14_a_friends_open_chat_is_contact_not_spam() {
    let got = cats("プロフのリンクからオプチャ入ってきて");
    assert!(got.contains(&Category::Contact), "{got:?}");
    assert!(!got.contains(&Category::Spam), "{got:?}");
    let advert = cats("プロフのリンクから無料でガチャ石もらえるオプチャ入ってきて");
    assert!(advert.contains(&Category::Spam), "{advert:?}");
}

// ---------------------------------------------------------------- round 14: abuse
// Families written from the classes of abuse misses of eval/round14.tsv (a household man at the
// bed, room or bath, pinching and pinning, hidden bruises, worthless words, care refused as a waste
// of money, utilities cut off, confined or kept home, weeks of snack food, locked out till morning)
// and their look-alikes. The sentences are new, not lines of any evaluation set.

#[test]
fn round14_abuse_families_are_caught() {
    for text in [
        "母さんが夜勤の日は父さんが布団に来る、誰にも言えん",
        "おかんが仕事の日、義理の兄が夜部屋に入ってくるのがこわい",
        "夜中にじいちゃんが部屋にきて服の中に手入れてくる",
        "お兄ちゃんに毎晩部屋に入ってこられる、内緒って言われてる",
        "パパが夜ベッドにきて〇〇してくる",
        "父がお風呂入ってる時に入ってくる、鍵つけたいけど外された",
        "おとんに着替えのぞかれる、もう嫌や",
        "義父が脱衣所に入ってくる",
        "お母さんに腕つねられて青くなっとる",
        "ばあちゃんにいっつもつねられる、あざになるけん長袖着とる",
        "ママの彼氏にタバコ押し付けられた",
        "おとんがキレたら壁に押し付けてくる",
        "兄貴に首掴まれて息できんかった",
        "お母さんに突き飛ばしてくるの、毎日やけん怖い",
        "太もものあざ、体育の着替えでバレそうで休んだ",
        "腕のあざ隠しとる、プール休むしかない",
        "夜に帰ったら鍵かけられとって、一晩コンビニで過ごした",
        "門限過ぎたら締め出しくらって、朝まで外におった",
        "出ていけって言われて公園で寝た",
        "虫歯痛いけど親に歯医者は金がもったいないって言われた",
        "熱あるのに病院は寝とけば治るって行かせてもらえん",
        "メガネ壊れたけど金の無駄って買ってもらえへん",
        "お前は役立たずやって毎日言われとる",
        "あんたは出来損ないって母にいつも言われる",
        "生きてる価値ないって親に言われ続けてる",
        "お前なんか引き取らなきゃよかったって父に言われた",
        "産んで損したって毎日言われる",
        "お父さんに外に出るなって言われて一ヶ月学校行けてない",
        "家から出してもらえんくて学校も休まされとる",
        "電気止められて一週間、親は払ってくれない",
        "ガス止まってもうずっとお風呂入れてない",
        "水道止められとるのに親は帰ってこん",
        "ご飯はカップ麺だけ、もう何日も",
        "毎日お菓子しか食べてない、親がご飯作ってくれん",
        "my stepdad keeps walking in on me in the shower",
        "mums boyfriend took the lock off the bathroom door and watches me change",
        "my uncle watches me get changed and says its normal",
        "my dad calls me a waste of space every single day",
        "mum says im a burden and she wishes she never had me",
        "my stepmum tells me im worthless",
        "havent been in school for a month cause i have to look after my baby brother while mum works",
        "mum tells the school im sick so i can babysit",
        "the electric got cut off 2 weeks ago and mum doesnt care",
        "electrics been off for days, were using candles",
        "mum pinches me so hard it leaves bruises",
        "dad dug his nails into my arm till it bled",
        "my stepdad pinned me against the wall by my throat",
        "mums boyfriend pushes me against the wall when hes drunk",
        "got home late and the door was locked so i slept in the park",
        "mum locked me out again, slept on the doorstep",
        "she said she wishes she never adopted me. \"i wish we never adopted you\"",
        "dad screamed that he should have put me up for adoption, \"should have put you up for adoption\"",
        "おとんが夜になると布団入ってくる、気持ち悪い",
        "兄ちゃんが寝とる時に部屋入ってきて触ってくる",
        "お母さんに毎日つねられとる",
        "おかんに腕つねられてあざできた",
        "父ちゃんにまた壁さ押しつけられだ",
        "継父に突き飛ばされて頭打った",
        "母の彼氏に首しめられた",
        "夜中まで外に出されとった",
        "母が帰ってこんくて電気も止まっとる",
        "ガス止められてお湯出ん、親はなんもせん",
        "歯医者行きたいって言ったら甘えるなって言われた",
        "眼鏡合わんけど金がもったいないって買ってもらえん",
        "あんたなんか拾ってこんかったらよかったって言われた",
        "お前なんか引き取るんじゃなかったって義母に言われる",
        "お前は恥さらしやって父に言われた",
        "家から一歩も出してもらえん、学校も行かせてもらえん",
        "毎日菓子パンしかもらえん",
        "ご飯は毎日カップ麺だけ、お母さんずっと寝てる",
        "my step dad comes in the bathroom when im showering and wont leave",
        "mums bf keeps barging in when im in the shower",
        "my stepdad keeps staring at me when i get changed",
        "my dad keeps calling me a waste of space",
        "my mam says im useless and a waste of money",
        "me nan says im a burden",
        "mum kicked me out and i slept on a bench",
        "they kicked me out and i had to sleep outside",
        "our gas got cut off and mums not bothered",
        "the electric meter ran out days ago and mum wont top it up",
        "havent been to school in weeks, dad makes me stay home and mind the baby",
        "mum rings school and says im sick so i can look after my brothers",
        "my mum pinches my arms under the table so no one sees",
        "dad shoves me against the wall every time hes drunk",
        "おめはなんもでぎねえ役立たずだって毎日言われる",
        "お前はクズやけんって父ちゃんに言われよる",
        "役立たずじゃ、っておとんにいっつも言われとる",
        "あんたは役立たずだがやって母に言われる",
        "父さんに夜布団に入ってこられるのが嫌、誰にも言えない",
        "継父がお風呂中に入ってくる",
        "パパに脱衣所のぞかれた",
        "ママの彼氏が部屋にきて体さわってくる",
        "親に家を追い出されて、朝まで駅で過ごした",
        "家入れてもらえんで一晩外におった",
        "鍵かけられて家入れんかった、朝までコンビニおった",
        "熱が38度あっても病院は大げさって連れてってもらえなかった",
        "歯医者は金の無駄って親が言うけん行けん",
        "電気とめられとるけん寒いし暗い",
        "ずっとカップラーメンしか食べてない、親は帰ってこない",
        "electric got cut off last week and my mum hasnt paid the bill",
        "havent been to school since christmas, mum needs me to look after my sisters",
        "my dad says im only good for cleaning",
        "mum calls me useless every day",
        "my stepdad watches me in the shower and says its normal",
        "mums boyfriend picked the lock on the bathroom door while i was in there",
    ] {
        assert!(cats(text).contains(&Category::Abuse), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round14_abuse_lookalikes_are_not_flagged() {
    for text in [
        "パパが起こしに部屋に来た",
        "お父さんが宿題見に部屋にきてくれた",
        "兄が漫画返しに部屋に入ってきた",
        "じいちゃんが部屋に来てお小遣いくれた",
        "兄に勝手に部屋入ってこられるのまじうざい",
        "日曜の朝パパがベッドに来て起こしてくる",
        "猫が夜中に布団に入ってくる",
        "弟が雷こわいって布団に入ってきた",
        "おじさんが部屋に来てお土産くれた",
        "父が風呂入ってくるって言ってた",
        "パパがお風呂のあとに部屋来て髪乾かしてくれた",
        "ママにほっぺつねられて起こされた",
        "夢じゃないかつねってもらった",
        "妹とふざけてつねりあいした",
        "兄がプロレスごっこで床に押さえつけてくる笑",
        "足のあざ、部活でぶつけたやつ、見られたら恥ずい",
        "献血のあとのあざ、見られたら心配されそう",
        "キスマのあざ隠してる笑",
        "部室の鍵閉められてて、公園で練習した",
        "グループから追い出されて、朝まで泣いた",
        "カラオケ追い出されて朝までファミレスおった",
        "サプリは金の無駄って医者に言われた",
        "ブランド物は金の無駄って母が言ってた",
        "先輩にお前は役立たずって言われた、部活つらい",
        "ゲームで味方にゴミって言われた",
        "ゴミ出しやってって毎日言われる",
        "私なんか何もできないって毎日思う",
        "捨て猫拾ってこなきゃよかったかな、世話大変",
        "インフルで一週間外に出るなって言われて学校行ってない",
        "台風で外に出るなって言われて学校休みになった",
        "台風で停電して電気止まってた、ずっと暗かった",
        "工事で水道止まってた、何日か不便やった",
        "合宿でずっとカップ麺だけだった笑",
        "テスト期間は毎日菓子パンだけ",
        "毎日お菓子だけ食べてたい",
        "ニュースで虐待の事件見た、ひどい",
        "ドラマで虐待のシーンあってつらかった",
        "my dad walked in on me singing in the shower lol so embarrassing",
        "mum says im useless at cooking lol",
        "my friend says im useless at fifa",
        "havent been to school this week cause of flu, mum is looking after me",
        "the storm knocked out our power for days, so cold",
        "power cut last night, we used candles, kinda fun",
        "mum pinched me to check i wasnt dreaming lol",
        "my brother held me down and tickled me till i cried laughing",
        "got home late, door was locked, mum let me in after i rang",
        "locked out of my account all night",
        "my dad pushed me out of the way of a car",
        "the dog should never have been taken in by that shelter",
        "ブレーカー落ちて電気止まってからずっと暗かった",
        "ガス止まってたの、点検だったらしい、母が言ってた",
        "地震で水道止まって三日間給水所に並んだ",
        "mum pinched my chips again",
        "my brother pinched my hoodie",
        "dad says im useless at parking lol",
        "my coach says im useless",
        "mums boyfriend says im a legend at fifa",
        "havent been to school cause of the strike, mum is looking after us",
        "mum rang school and said i was ill because i actually had a fever",
        "the power got cut off in the storm for days, so cold",
        "i walked in on my brother in the shower by accident",
        "dad knocked and came into the bathroom to fix the tap",
        "my sister keeps barging in when im doing my makeup",
        "パパが部屋に来て、ママがいない日はご飯作ってくれる",
        "お父さんが夜勤の日はおばあちゃんが来る",
        "インフルで家から一歩も出るなって言われて学校休んだ",
        "台風で外出禁止、学校も休校",
        "兄がふざけて首つかんできた笑",
        "お兄ちゃんと柔道の練習で押さえつけられた",
        "父にほっぺつねられて起こされた",
        "じいちゃんが熱湯で消毒してた",
        "店長に無能って言われた、バイトやめたい",
        "ゴミ以下の映画って言われてて草",
        "先輩からお前は役立たずって言われた",
        "何もできないって言われたけど、練習したらできた",
        "父が出張で、兄が夜部屋に来てゲームしてた",
        "夜中に兄が部屋に入ってきてうるさい",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

// ---------------------------------------------------------------- round 14: selfharm

#[test]
fn round14_selfharm_families_are_caught() {
    for text in [
        "もう全部どうでもいい、このまま消えてもええわ",
        "うちなんかおらんくなってもかまわんし",
        "もう消えてもいいっしょ、なまら疲れた",
        "朝起きるたびに、また目覚めちゃったって思う",
        "もう無理。毎朝、今日も目覚めてしまったってなる",
        "ιレこナ=ぃ…誰にも言えん",
        "生きとるのきつか、ほんとに",
        "生きるのめんどい",
        "しんどい。明日とか来なくていいのに",
        "明日なんか来なくていい、ずっと夜ならいいのに",
        "母さんの介護が終わったら、私の役目も終わり。そしたらもうええかな",
        "うちの役目、妹が高校生になったら終わり。そしたらうちももうよか",
        "介護終わったら私も終わりでいいと思ってる",
        "来月の土曜日にするって決めた。それまではいつも通りにしてる",
        "じいちゃんの薬、少しずつ余分にとってある",
        "こっそり抜いてたら、数えたら30錠くらいたまってた",
        "おばあちゃんの眠剤、私が管理しとるけん、その気になればいつでも飲めるんよ",
        "父のインスリン、自分に打ったらどうなるか知りたい",
        "咳止めって何錠飲んだら二度と起きなくて済むの",
        "線路の近くに立つと、ふらっと入りそうになる",
        "一番高い立体駐車場で、柵のないとこ知らん？",
        "妹に手紙書いた。ぬいぐるみも全部あげる。もう会えなくなるけど",
        "しんどい夜 / にげたい / たえられない / いまも（縦読みして）",
        "うちがおらんでも家族は普通にやってけるし",
        "tried it once last year and it didnt work. wont make the same mistake again",
        "my family would be fine without me tbh",
        "everyone would cope if i was gone",
        "how many tylenol is too many",
        "how much of my nans insulin would kill me",
        "which multi storey car park has no barriers at the top",
        "thinking of jumping off the multistorey tonight",
        "left everyone a note, theyre on my desk",
        "wrote a letter for my sister and gave her my switch",
        "gave my cat to my mate, said it was only for a week but its not",
        "once nan passes theres nothing keeping me here",
        "picked the day. acting normal till then",
        "standing at the edge of the platform and i felt like i was being pulled",
        "i sort mums pills so i could take them all whenever",
        "whats the max paracetamol before it kills you",
        "honestly i wouldnt mind not waking up",
        "i dont care if i live or die anymore",
        "cant be arsed living anymore",
        "i want to top myself",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round14_selfharm_families_leave_everyday_chat_alone() {
    for text in [
        "スマホの写真データ、このまま消えてもいいや",
        "このアプリのデータ、消えてもいいっしょ",
        "このニキビ跡、このまま消えてもいいのに",
        "また目が覚めちゃった、まだ4時。眠れん",
        "明日とか来なくていいよ、雨だし無理しないで",
        "体調悪いなら明日とか来んでよかよ",
        "文化祭終わったら実行委員の役目も終わり！もういいかな、ゆっくりしよ",
        "サプライズは誕生日の前の日にしようって決めた。それまでは普通にしてる",
        "災害用に、母の薬を少し余分にとってある",
        "母の薬、数えたら28錠あった。一か月分ちゃんとある",
        "睡眠薬、母がいつでも飲めるように枕元に置いてる",
        "おばあちゃんのインスリン、多めに打ったらどうなるの？間違えたら怖い",
        "この咳止め、何錠飲めばいいの？",
        "ホームの端に立ってると、電車の風ですごい引っ張られる感じする",
        "橋の柵がないとこ危ないから市に言った",
        "転校するから友達に手紙書いた。もう会えなくなるけど元気でね",
        "母の日の手紙書いた、引き出しに入れといた",
        "天国のおばあちゃんに手紙書いた。もう会えないけど大好き",
        "縦読みしてね：すきです",
        "私がいなくても部活はやっていけるし、明日は休む",
        "介護しんどいけど、消えたいとかではないです。聞いてほしいだけ",
        "後輩が「死にたい」って言ってたから、一緒に先生のとこ行った",
        "tried once to bake bread and it didnt work, not making the same mistake twice",
        "theyd cope fine without me for the weekend, its only one match",
        "how many paracetamol is too many for a headache in one day",
        "did my nans insulin tonight, she says i do it better than the nurse",
        "whats the tallest building in the world",
        "got a cut on my arm from the bramble bushes",
        "gave my dog to my aunt for a week while we're on holiday",
        "need to top myself up on credit",
        "i wouldnt mind dying my hair blue",
        "set the date for mums surprise party, act normal till then",
        "wrote a letter to santa and gave my brother my old bike",
        "i sort nans meds so she can take them whenever she needs",
        "once nan passes her driving test shes getting a car",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn round14_selfharm_dare_to_someone_else_is_not_self_harm() {
    for text in [
        "go jump off a bridge, nobody would even notice",
        "just go jump off the car park lol",
        // Told to someone else: harassment, not the writer's own risk.
        "go jump off a cliff you absolute muppet",
        "why dont you jump off a bridge lol",
    ] {
        assert!(
            !cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
    for text in [
        "i might go jump off a bridge tonight",
        "should i just go jump off a bridge",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

// ---------------------------------------------------------------- round 15: abuse
// Families written from the classes of abuse misses of eval/round15.tsv (a parent written in kana,
// masked, split or Hangul blow verbs, a head slammed into a wall, meals and kerosene stopped, care
// instead of school, cover stories, a parent wishing the writer dead or blaming their existence, a
// relative's hand under clothes, the bath door opened, a sibling hit, a parent's bone threat) and
// their look-alikes. The sentences are new, not lines of any evaluation set.

#[test]
fn round15_abuse_families_are_caught() {
    for text in [
        "おかあさんがまた叩いてきた、背中ばっかり",
        "おとうさんになぐられた。誰にも言えん",
        "おにいちゃんに首しめられた",
        "母に○られたとこ腫れてる、長袖で隠す",
        "パパに✕られた跡が消えない",
        "おかんに区殳られて口切れた",
        "おとんに나구라레타、まだ痛い",
        "継父が酔うと俺の頭を床に叩きつけてくる",
        "お父さんに頭掴まれて壁にぶつけられた",
        "家でご飯出てこんくなって1週間、水だけ飲んどる",
        "給食だけでしのいどる、土日がきつい",
        "灯油買ってくれんけん毎晩寒い",
        "母の介護で学校休まされとる",
        "弟の世話があるけん学校行かせてもらえん",
        "担任には風邪って言えって父に言われた",
        "ママに「死んでほしい」って言われた",
        "親父に消えろって言われる毎日",
        "お前がおるせいで人生狂ったって母に言われる",
        "あんたがいなければ離婚できたのにって言われた",
        "なんであんたが病気にならなかったのって母が言う",
        "義父に服の中に手入れられた、ママには言えない",
        "兄が夜布団に入ってきて胸触ってくる",
        "お風呂の鍵壊されてて、父がのぞいてくる",
        "my little sister gets smacked with a slipper when she spills stuff",
        "my brother gets belted by our dad when he gets bad grades",
        "mum said if i tell anyone again she'll break my fingers",
        "my stepdad slammed my head into the door last night",
        "free school meals are the only proper meal i get",
        "my stepdad beats me when he gets home",
        "家でご飯もらえんけん給食だけが頼り",
    ] {
        assert!(
            cats(text).contains(&Category::Abuse),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round15_abuse_lookalikes_are_not_flagged() {
    for text in [
        "お母さんが肩叩いてくれた",
        "母が髪さわってくれる、気持ちいい",
        "おかあさんがなぐさめてくれた",
        "おかあさんに声かけられた",
        "おかあさんがあざやかな花買ってきた",
        "おとうさんと太鼓叩いてきた",
        "母にしかられたあと泣いた",
        "試合で蹴られた跡が腫れてる",
        "イライラして頭を壁にぶつけた",
        "今日ご飯出んかったけん外食した",
        "学校で給食出んくなって弁当になった",
        "給食でおかわりした",
        "部活でケガして給食だけが楽しみ",
        "灯油買ってきたけん暖かい",
        "母の介護で大変だけど学校は行ってる",
        "インフルで学校休まされた",
        "ずる休みしたい、先生には風邪って言えばいいかな",
        "お前がいなかったら人生終わってた、ありがとう",
        "あんたがいるから楽しい",
        "お前が病気にならなくてよかった",
        "お父さんが服の中に手入れて温めてくれた",
        "父がお風呂のドア開けっぱなしにする",
        "兄とマリカしてて甲羅ぶつけられて叫んだ",
        "grandad taught me chess, he still beats me every single time",
        "my nan beats me at scrabble every time we play",
        "beats me why the bus is always late",
        "my little brother gets hit with the ball at football",
        "dad said if i break my arm skateboarding again he's selling my board",
        "dad will kill me if he sees my grades",
        "school dinners are the only food i like",
        "my dad beat me at arm wrestling again",
    ] {
        assert!(
            !cats(text).contains(&Category::Abuse),
            "{text}: {:?}",
            cats(text)
        );
    }
}

// ---------------------------------------------------------------- round 15: selfharm
// Classes of round 15's self-harm misses (rules under "round 15: selfharm"): disguised spellings,
// pull at crossings and platforms, cold nights, pills for oneself or saved up, over-the-counter doses,
// told to die and agreeing, heights with a hidden reason, blades that calm, goodbyes in turn,
// handovers "so I can go", living until a date, bridges at night, things no longer of use. Both sides.

#[test]
fn round15_selfharm_japanese_quiet_phrasings_are_flagged() {
    for text in [
        "駅のホームで一歩前に出たら全部終わるんかなって思う",
        "踏切の音聞くと、そのまま待っときたくなるんよ",
        "雪の中で寝たら朝には楽になれるかな",
        "母さんの睡眠薬、自分用にこっそり調べとる",
        "メジコン15錠飲んだ、まだ足りない気がする",
        "咳止め一瓶いった、全然足りん",
        "死ねって毎日言われるし、ほんまにそうしようかな",
        "一番高い駐車場どこ？理由は聞かないで",
        "替え刃ポーチの奥に隠し持ってる",
        "カミソリ当てると落ち着くんよね",
        "みんなに順番に連絡してる、もう連絡できないから",
        "私がおらんでも回るように全部書き残した。これで心置きなく",
        "ライブの日までは生きるって決めた、それ終わったらもういいや",
        "夜になると橋の上から川をずっと見てる",
        "前に一回失敗したやつ、次は確実にやる",
        "もう使い道ないから貯金全部弟にあげた",
        "いっそいなくなったほうが楽かも",
        "もうおらんくなりたいわ",
        "もう頑張る理由がなくなってしもた",
        "もし僕がいなくなったらハムスター引き取ってほしい",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round15_selfharm_disguised_spellings_are_flagged() {
    for text in [
        "ちょっともう시니타이",
        "죽고 싶어",
        "歹匕にたい",
        "今夜歹匕のうと思う",
        "氵肖えたい",
        "i wnt 2 die",
        "honestly i wnt t kll myslf",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round15_selfharm_english_quiet_phrasings_are_flagged() {
    for text in [
        "been saving up sleeping pills for a while",
        "stockpiling paracetamol, not sure how many is enough",
        "mum told me to die again, maybe i will",
        "highest bridge near me? dont ask why",
        "i keep a blade in my pencil case, it calms me down",
        "alive till the concert then im done",
        "one step off the platform and it'd all be over",
        "anyone want my ps5, wont be needing it after tonight",
        "cant stop thinking about not waking up tbh",
        "thanking everyone one by one, wont be around after tonight",
    ] {
        assert!(
            cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

#[test]
fn round15_selfharm_look_alikes_stay_clean() {
    for text in [
        "ホームで電車待ってたら一歩前に出てくださいって言われた",
        "踏切のカンカン鳴る音が怖いって弟が言う",
        "雪の中で寝たら風邪ひくよ笑",
        "ばあちゃんのインスリン、打つ時間をアラームにした",
        "インスリン自分で打てるようになった、糖尿病の管理頑張る",
        "風邪薬3錠飲んだけどまだ足りない気がする、熱下がらん",
        "「死ねばいいのに」って言われたって先生に相談した",
        "一番高いビル東京タワーじゃなくてスカイツリーだよ",
        "カッターの替刃、弟が触らんように棚の上に置いた",
        "修学旅行のしおり、私がいなくても回るようにまとめた。これで安心して旅行行ける",
        "推しのツアー最終日までは生きる！楽しみすぎ",
        "橋の上から川ずっと見てた、夕日きれいだった",
        "前回失敗したケーキ、次はちゃんと量はかってやる",
        "このゲームもう使い道ないし弟に全部あげた、喜んでた",
        "テスト終わってもう頑張る理由がない",
        "いっそ髪切っちゃおうかな",
        "みんなにありがとうって言いたくて、転校する前に連絡してる",
        "thinking about not waking up early tomorrow, its saturday",
        "been saving up for a new switch",
        "whats the tallest building in the world",
        "highest bridge in the uk is in wales i think",
        "anyone want my old textbooks, wont need them after exams",
        "i sharpen pencils with a blade in art class",
        "one step forward for the team",
        "stockpiling snacks for the sleepover",
        "my nan takes her painkillers at 8 and i remind her",
    ] {
        assert!(
            !cats(text).contains(&Category::SelfHarm),
            "{text}: {:?}",
            cats(text)
        );
    }
}

// ---------------------------------------------------------------- round 15: grooming

fn r15_flags(texts: &[&str], cat: Category) {
    for text in texts {
        assert!(
            cats(text).contains(&cat),
            "{text}: expected {cat:?}, got {:?}",
            cats(text)
        );
    }
}

fn r15_clean(texts: &[&str], cat: Category) {
    for text in texts {
        assert!(
            !cats(text).contains(&cat),
            "{text}: unexpected {cat:?} in {:?}",
            cats(text)
        );
    }
}

#[test]
fn round15_grooming_gift_or_currency_for_media() {
    r15_flags(
        &[
            "he said he'll get me a steam card if i send one without my top",
            "ill give u robux if u send a pic in ur underwear",
            "ゲームのジェムあげるけん、写真ちょうだい",
            "ダイヤ3000個課金したげるから自撮り送って",
            "声だけ録音して送ってよ、甘い声で",
            "pics for easy money, dm me",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "my mum gave me a steam card for my birthday",
            "ゲームの画面の写真送って、バグってるとこ",
            "合唱の練習、声だけ録音して送ってね",
            "make some easy money doing a paper round",
        ],
        Category::Sexual,
    );
}

#[test]
fn round15_grooming_outfit_secret_and_age_insinuation() {
    r15_flags(
        &[
            "体操服のまま撮ったやつ一枚だけ送って",
            "1枚だけでいいけん送って、誰にも見せんけん",
            "何歳？12？じゃあもう色々知ってるよね",
            "会ってくれたら下着買ったげる",
            "when we meet up wear something revealing ok",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "入学式の制服姿の写真送ってっておばあちゃんが言ってた",
            "制服のまま帰ってきて寝ちゃった",
            "11歳なのにもう色々知ってるね、物知りやな",
            "ママに下着買ってもらった",
            "you should wear the short skirt to the party, it looks cute",
            "苺の相場が上がってるってニュースで見た",
        ],
        Category::Sexual,
    );
    r15_flags(&["苺っていくらが相場なん？"], Category::Sexual);
}

#[test]
fn round15_grooming_benign_lookalikes_stay_clean() {
    r15_clean(
        &[
            "遠足で円光院っていうお寺に行った",
            "うちのパパ活躍しすぎてて表彰された",
            "じいちゃんがアルバムの写真見せてくれた",
        ],
        Category::Sexual,
    );
    r15_flags(&["パパ活したい", "円光しよ"], Category::Sexual);
    r15_clean(
        &[
            "授業でネットで知り合った人とは会わないようにって習った",
            "someone asked for my snap so i blocked them",
        ],
        Category::Contact,
    );
    r15_flags(
        &[
            "ネットで知り合った人とは会わないって約束したけど会いたい",
            "he asked for my snap so i gave it to him",
        ],
        Category::Contact,
    );
}

#[test]
fn round15_grooming_contact_moves() {
    r15_flags(
        &[
            "よろしければ個別にDMでお話しさせてください",
            "ラインおしえでけろ",
            "ここ監視されてるからカカオで話そ",
            "ここだと消されるからテレグラムきて",
            "what school do u go to? ill wait for u after school",
            "whats ur minecraft user, then we can chat privately",
            "ライン逆から読んでね",
            "tele/gram me",
        ],
        Category::Contact,
    );
    r15_clean(
        &[
            "個別に先生に質問しに行った",
            "テスト範囲おしえでけろ",
            "whats ur minecraft username so i can add u to the server",
            "we read the poem backwards in english class",
        ],
        Category::Contact,
    );
}

#[test]
fn round15_grooming_personal_info_and_harassment() {
    r15_flags(
        &[
            "どこ中？帰り何時？校門で待ってる",
            "which school do you go to? ill meet you outside",
            "im jess yr 9 at oakfield, add me on snap",
        ],
        Category::PersonalInfo,
    );
    r15_clean(
        &["im in year 9 at school and love art"],
        Category::PersonalInfo,
    );
    r15_flags(
        &[
            "say that once more and ill kick your head in",
            "do as ur told or those pics go to the whole year",
            "お前ほんまねし（逆から読んで）",
        ],
        Category::Harassment,
    );
    r15_clean(
        &[
            "i smashed him in smash bros lol",
            "do what i say or else the cake will burn",
        ],
        Category::Harassment,
    );
}

// ---------------------------------------------------------------- round 16: abuse
// Classes of round 16's abuse and harassment misses (rules under "round 16: abuse"): a head slammed
// with the writer named in between, keys taken and made to wait outside, only the writer's meal
// missing or lunch replaced by water, freeloader names and disowning from a household adult, blame
// for a parent leaving, a step-parent bathing with a child, a household man ordering undressing, a
// child's mouth covered, what is done at night; a child thrown against furniture, a family put out
// and sleeping in the car, a door taken off to watch the child, a belt or slipper; LGBTQ rejection,
// mocking a friend's disabled parent or a young carer, ι for し, ばら撒く, mass reports until a
// takedown. Both sides, in new sentences (not lines of any evaluation set).

#[test]
fn round16_abuse_japanese_blows_lockouts_and_meals_are_flagged() {
    r15_flags(
        &[
            "親父が酔うと床に俺の頭ぶつけてくる",
            "ママの彼氏が私の頭つかんで床に打ち付けてくる",
            "父ちゃんが酔うたら壁にうちの頭ぶつけてくるっちゃん",
            "家の鍵没収されて、夜まで玄関の前で待たされた",
            "鍵取り上げられて、オカンが帰るまで外で待っとかなあかん",
            "夕飯、俺の分だけ作ってくれへん",
            "晩げ、おらの分だけねぇ",
            "弁当作ってくれへんから昼は水で我慢しとる",
            "昼ご飯代もらえんけん水でごまかしとる",
            "おかんが妹の口ふさいどった、泣き止まんけん",
            "赤ちゃんが泣いたら父が枕を顔に押し付けてた",
            "弟が泣いたらお父さんが殴る",
        ],
        Category::Abuse,
    );
}

#[test]
fn round16_abuse_japanese_words_and_bodies_at_home_are_flagged() {
    r15_flags(
        &[
            "義父に穀潰しって呼ばれてる",
            "オカンの彼氏に居候呼ばわりされとる",
            "あんたなんか家の子じゃないって母が言う",
            "お前なんか家の子ちゃうって怒鳴られた",
            "おまえのせいでお母さん出てったって毎日言われる",
            "あんたのせいでパパと離婚したって言われた",
            "母の彼氏が妹と一緒に風呂入ろうとしてくる",
            "義父が一緒にお風呂入ろうってしつこい",
            "父が夜部屋に来て服脱げって言う",
            "じいちゃんが裸見せてって言ってくる",
            "継父に寝てる間にされてること誰にも言えん",
            "兄に毎晩されとること、母は知らん",
            "父に部屋のドア外されて監視されてる",
        ],
        Category::Abuse,
    );
}

#[test]
fn round16_abuse_english_families_are_flagged() {
    r15_flags(
        &[
            "my stepdad threw my sister against the wall",
            "dad slammed my little brother against the fridge",
            "mum threw us out, we slept in the car",
            "dad booted me out and i slept rough",
            "stepdad kicked me out and told me not to come back, been couch surfing",
            "my mum took my door off so she can watch me all the time",
            "dad removed the bathroom lock so he can walk in on me",
            "mum hit me with a wooden spoon again",
            "he whipped my brother with the belt",
            "she smacked me with her slipper",
        ],
        Category::Abuse,
    );
}

#[test]
fn round16_abuse_harassment_families_are_flagged() {
    r15_flags(
        &[
            "ゲイとかまじ無理、近寄んな",
            "オカマは出てけ",
            "レズとかありえん、きしょ",
            "あんたのおかん車椅子やろ、だっさ",
            "お前んちの父ちゃん認知症なんやろ、草",
            "ケアラーアピールうざ",
            "介護ごっこしとけや",
            "ιねよマジで",
            "写真ばら撒くからな",
            "動画バラ撒いてやる",
            "everyone report his account and get it banned",
            "yall report her and get her suspended",
            "everyone report his acc and get it binned",
        ],
        Category::Harassment,
    );
    // A parent's own words after お前なんか are the abuse told, not an insult in the chat.
    let told = "「お前なんか産むんじゃなかった」ってまた母に言われた";
    assert!(
        cats(told).contains(&Category::Abuse),
        "{told}: {:?}",
        cats(told)
    );
    r15_clean(&[told], Category::Harassment);
}

#[test]
fn round16_abuse_look_alikes_stay_clean() {
    r15_clean(
        &[
            "イライラして壁に頭ぶつけてくるわ笑",
            "お父さんが棚に頭ぶつけて痛がってた",
            "父が鴨居に頭ぶつけてたんこぶできてた",
            "鍵忘れて親が帰るまで外で待ってた",
            "お母さんが帰るまで図書館で待ってる",
            "ご飯、私の分がない！弟が食べた",
            "プリント私の分だけないんやけど",
            "晩ごはんはお兄ちゃんの分だけない、部活で遅いから",
            "お母さんが晩ごはん私の分だけ多めにしてくれる",
            "弁当作ってもらえんかったけん購買でパン買った",
            "弁当作ってくれたけど水筒は水だけ",
            "弁当作ってくれんかったけん、水筒の水だけ持って購買行った",
            "おばさんの家に居候してる",
            "部活の先輩に疫病神って言われた",
            "うちの子じゃないけどよく遊びに来る近所の子",
            "迷子と間違われて「うちの子じゃない」って言われた",
            "ばあちゃんに「うちの子じゃないみたいに大きくなった」って言われた",
            "あんたのせいで猫逃げた",
            "継父と一緒にお風呂掃除した",
            "継父が弟とお風呂入ってくれてる間に宿題した",
            "弟と一緒にお風呂入ろうとしたら嫌がって逃げた",
            "おじいちゃんが孫と一緒にお風呂入りたがってる",
            "母に濡れた服脱げって言われた",
            "父にコート脱げって言われた",
            "お兄ちゃんに制服脱げって言われた、汚れるから",
            "お母さんが口ふさいで笑いこらえてた",
            "夜泣きする弟の口におしゃぶり入れた",
            "お父さんに毎晩されてるマッサージが気持ちいい",
            "父がドア外して修理してた",
            "mum kicked us out of the kitchen so she could cook",
            "mum threw us out of the house for the afternoon so she could clean, we went to the park",
            "the teacher kicked us out and said dont come back without homework",
            "we slept in the car on the road trip, so fun",
            "dad threw my little brother into the pool",
            "my dad threw me against the couch pillows during a pillow fight lol",
            "my mum took my door off the hinges to paint it",
            "dad took my door off because i kept slamming it",
            "dad took my phone away so i do homework, so annoying",
            "dad hit me with a dad joke",
            "she hit me with the news that shes moving",
            "my sister whacked me with a hanger by accident",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "ゲイの友達がカミングアウトしてくれた",
            "ゲイだけど無理して女の子と付き合ってた",
            "オネエのタレントが好き",
            "お前のお母さん車椅子なんや、大変やな",
            "お前の弟障害あるって知らんかった、なんか手伝えることある？",
            "お前んちのじいちゃん認知症って聞いた、無理すんなよ",
            "お前の弟、障害物競走速すぎやろ",
            "あいつの母ちゃん介護士なんやって",
            "こいつの姉ちゃん知的でかっこいい",
            "うちのばあちゃん認知症で同じ話何回もしてウケる",
            "妹と介護ごっこして遊んだ",
            "介護アピールとか言われて悲しかった",
            "写真ばら撒きたくなるくらい可愛い",
            "花びらを撒く",
            "everyone report the scam account so it gets taken down",
            "everyone report that bot, its spamming the server, get it banned",
            "go report that account, its pretending to be me, lets get it deleted",
            "go report the post so it gets taken down, its bullying mia",
            "everybody report the fake giveaway so it gets removed",
            "everyone go report this bug so they fix it",
            "ur mum has a wheelchair right? thats cool she does marathons",
        ],
        Category::Harassment,
    );
}

// ---------------------------------------------------------------- round 16: selfharm

#[test]
fn round16_selfharm_until_a_day_then_ending_it() {
    r15_flags(
        &[
            "誕生日までは生きる。その日でおしまいにするって決めた",
            "推しのライブ見届けてから終わりにしよう思っとる",
            "成人式までは頑張るわ、ほんでそこで終わりにすんねん",
            "決行日決めた、それで全部終わり",
            "推しおらん世界に生きる理由ない",
            "生きとる理由がない",
            "picked a date. after results day. then im done",
            "ive got a date set, after prom, then thats it",
            "chose a date. the day after results. then its over",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "部活、夏の大会まではがんばる。そこで部活は終わりにするって決めた",
            "推しのライブ見届けたら今年の推し活は終わりにする",
            "文化祭までは頑張る、そこで生徒会は終わりにする",
            "受験終わるまではがんばる、それで終わり！遊びまくる",
            "旅行の日にち決めた！それで夏休みの予定は終わり",
            "生きる理由は推し",
            "set a date for my leaving party, then im gone to uni",
            "after my last exam then im done with school!!",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round16_selfharm_nobody_would_mind_if_i_were_gone() {
    r15_flags(
        &[
            "うちなんかおらんくなっても誰も困らんけん",
            "わいがおらんでも誰も困りゃせん",
            "あたしがいなくなったらお母さんも楽になる",
            "俺おらんくなったら家族も楽やろ",
            "私なんか消えても誰も気付かないよ",
            "もう私いらないんだなって思った。明日家を出てもう帰らない",
            "the whole family would be better off if i wasnt around",
            "nobody would even notice if i disappeared tbh",
            "when im gone they wont have to worry about me anymore, one less thing",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "私がいなくても部活は回るから大丈夫",
            "みんなが楽しそうで私がいなくても平気そう",
            "あの先生いなくてもみんな楽しそう",
            "母が入院してる間、私がいなくても困らないように冷蔵庫に作り置きした",
            "ゲームで死んでも誰も困らんし適当でいいよ",
            "この服もう私いらないから妹にあげた",
            "if i wasnt here nobody would feed the cat",
            "everyone would be happier if i wasnt so grumpy in the mornings",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round16_selfharm_platform_and_crossing() {
    r15_flags(
        &[
            "特急が通過するとき、一歩前に出たらどうなるんやろ",
            "通過電車来たとき前に出たら楽になれるかな",
            "快速来たら飛び込もうかなって思う",
            "踏切の警報聞くと落ち着くねん",
            "踏切の前で電車何本も見送ってる",
            "遮断機の前でずっと立っとった",
            "every morning at the platform i think about one step forward when the fast train goes through",
            "the level crossing bell calms me down idk why",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "快速が通過するときは白線の内側に下がってください",
            "ホームで一歩前に出たら駅員さんに注意された",
            "急行が来るから一歩前に出たらドアが開いた",
            "快速来たから一歩前に出たら足踏まれた",
            "踏切の音好き、なんか落ち着く",
            "開かずの踏切で電車3本見送った、遅刻した",
            "満員で電車2本見送った",
            "the platform was packed so i let 3 trains go past",
            "step forward when the doors open on the platform",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round16_selfharm_wishing_not_to_wake() {
    r15_flags(
        &[
            "あしたの朝目が覚めんかったらよかのに",
            "このまま目覚めへんかったらええのになあ",
            "朝が来なかったらいいのにな",
            "ずっと眠れたらいいのにって思う",
            "i hope i just dont wake up",
            "it would be nice to not wake up tomorrow",
            "praying i dont wake up",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "休みの日はずっと眠れたらいいのに",
            "ずっと眠れたらいいのに、寝不足すぎる",
            "推しの夢見た、目が覚めなかったらいいのに",
            "明日の朝起きなかったら遅刻やばい",
            "hope i dont wake up the baby",
            "i hope i dont wake up late tomorrow",
            "i wish i didnt wake up so early",
            "wish i didnt wake up at 5 every day for the paper round",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round16_selfharm_pills_saved_counted_or_taken_at_once() {
    r15_flags(
        &[
            "母の眠剤、こっそり抜いて自分のポーチにためとる",
            "おばあちゃんの薬、バレないように抜いて貯めてる",
            "咳止め30錠いった、頭ふわふわ",
            "メジコン24錠いった",
            "インスリン何単位打ったら目覚めないんかな",
            "何錠飲んだら死ねるんかな",
            "カロナール一気に飲もうかなって思ってる",
            "市販薬ありったけまとめて飲もうかな",
            "how much insulin to not wake up",
            "how many sleeping pills until i dont wake up",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "おばあちゃんの薬を一錠ずつピルケースに分けてる",
            "父の薬、自分のポーチに入れて病院持ってく",
            "ロキソニンとカロナール一緒に飲んでも大丈夫？",
            "この薬何錠から危ない？おばあちゃんが2回飲んじゃった",
            "薬局で20錠入り買った",
            "何錠飲めばいいか薬剤師さんに聞いた",
            "how many paracetamol can you take in a day",
            "nan takes her tablets all at once",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round16_selfharm_farewells_and_a_past_attempt() {
    r15_flags(
        &[
            "今までほんまにありがとう。もう戻らへん",
            "みんなありがとね、さよなら。二度と戻らない",
            "sorry for everything. this is goodbye",
            "救急車来てしもた。次は失敗せん",
            "死にきれんかった。今度こそ",
            "mum found me passed out last time. this time nobody will find me",
            "the paramedics came last time, ill do it properly this time",
            "バレる前に、そうなる前に死ぬ",
            "ほんまのこと知られたら終わりや、その前に死んどく",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "卒業おめでとう！今までありがとう、グループ抜けるね、もう戻らない",
            "今までありがとう！引っ越しても元気でね",
            "thanks for everything guys, moving schools so wont be back",
            "救急車来て弟運ばれた、次は早めに気づきたい",
            "次こそ失敗しないように練習する",
            "the ambulance came for nan last night, shes ok",
            "my attempt at the cake was a disaster lol, will do it properly next time",
            "その前に死ぬ気で課題終わらせる",
            "その前に消えるね、おやすみ",
            "サプリ30錠まとめて買った",
            "my mum found me hiding in the wardrobe lol, next time nobody will find me",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round16_selfharm_past_self_harm_and_kilometres_stay_clean() {
    r15_clean(
        &[
            "前はリスカしてたけど、もう2年以上してない",
            "消えたいとか思ってたのが嘘みたい、今は楽しい",
            "i used to cut a few years ago but im doing so much better now",
            "ran 10 kms today and im dead",
            "i did 5 kms on the bike",
        ],
        Category::SelfHarm,
    );
    r15_flags(
        &[
            "前はリスカしてたけど、もう1年以上してないのにまたしちゃった",
            "i used to self harm years ago but i relapsed last night",
            "kms today",
        ],
        Category::SelfHarm,
    );
}

// ---------------------------------------------------------------- round 16: grooming

#[test]
fn round16_grooming_what_are_you_wearing() {
    r15_flags(
        &[
            "いまなに着てるん？",
            "今なん着とると？",
            "今何着とるん？見せてや",
            "今なに着てはるの？",
            "what are you wearing under your uniform rn",
            "what u got on under ur school skirt",
            "whats on under your clothes lol",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "今なにしてる？",
            "明日なに着ていく？遊園地",
            "今着てるパーカーお気に入り",
            "what colour is your uniform at ur school",
            "what colour is your coat, mine is under the bed somewhere",
            "i wear a vest under my uniform in winter",
        ],
        Category::Sexual,
    );
}

#[test]
fn round16_grooming_maturity_flattery_and_age() {
    r15_flags(
        &[
            "同級生の男子じゃ物足りないでしょ、君は大人だから",
            "同い年の子とか子供っぽく見えるでしょ",
            "周りの子とは話合わんやろ？大人やもんね",
            "boys your age must be so boring for you",
            "guys ur age cant keep up with u tbh",
            "you look so grown up in that pic, how old are you again?",
            "u look so grown up in ur pfp what age r u",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "同い年の子と話合わなくてつらい",
            "同級生の男子ってほんと子供っぽいよね",
            "周りの子と話が合わないんだよね、どうしたらいい？",
            "boys in my class are so immature lol",
            "you look so grown up in your graduation photo!",
            "your pfp is cute, how old is your cat",
            "you look so much older with short hair! how old is your sister now?",
        ],
        Category::Sexual,
    );
}

#[test]
fn round16_grooming_outfit_for_a_photo_or_a_meeting() {
    r15_flags(
        &[
            "send me a pic in ur pjs",
            "show me a selfie in ur bikini",
            "meet me at the park sunday and wear something tight",
            "when we meet up dont wear a bra ;)",
            "会う時は制服で来てほしいな",
            "制服のまま来てくれたら1万多めに出すよ",
        ],
        Category::Sexual,
    );
    r15_flags(
        &[
            "制服のまま来てくれたら1万多めに出すよ",
            "会う時は制服で来てほしいな",
        ],
        Category::Contact,
    );
    r15_clean(
        &[
            "send me a pic of your cat in its little jumper",
            "lets meet at the beach saturday, wear something you can swim in",
            "制服で来てくださいって先生が言ってた",
            "文化祭で会おう、制服で来てね",
            "制服で来たら学割になるよ",
        ],
        Category::Sexual,
    );
}

#[test]
fn round16_grooming_game_currency_for_a_call() {
    r15_flags(
        &[
            "ill get u nitro if u vc with me tonight",
            "robux for a voice note? 1000 if u send one",
            "hop on vc and moan for me, ill buy u skins",
            "バトパ買ってあげるから通話して変な声出して",
            "ダイヤあげるけん通話してくれたら嬉しい",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "i bought the battle pass with my birthday money",
            "my brother makes noises in his sleep lol",
            "we voice call every night while gaming, he gave me nitro for my birthday",
            "when i call your name make some noise for me",
            "バトパ買った！通話しながらやろ",
        ],
        Category::Sexual,
    );
}

#[test]
fn round16_grooming_photo_threats_and_virgin_questions() {
    r15_flags(
        &[
            "無視するならあの時の写真みんなに晒すけんね",
            "ブロックするなら写真ばらまくぞ",
            "返事せんかったら画像クラスのグループに流すけぇ",
            "あの動画、拡散したろか",
            "ばらされたくないならもう一枚送れ",
            "しょじょなん？やさしくするけん",
            "まだ処女やろ？恥ずかしがらんでいいよ",
        ],
        Category::Sexual,
    );
    r15_flags(
        &["ブロックするなら写真ばらまくぞ", "あの動画、拡散したろか"],
        Category::Harassment,
    );
    r15_clean(
        &[
            "既読無視するならもういいよ",
            "無視するなら旅行の写真グループに送っとくね",
            "あの時の写真みんなに送ったよ",
            "写真嫌ならもう一枚撮ろ",
            "嫌ならもっと送らなくていいよ",
            "処女作なのに上手すぎる",
            "処女航海のタイタニック",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "ヤングケアラー支援交流会、来週の土曜やって",
            "応援交流イベント楽しかった",
        ],
        Category::Sexual,
    );
}

#[test]
fn round16_grooming_intense_talk_moved_to_an_app() {
    r15_flags(
        &[
            "ここじゃ話せんから、カカオできわどい話しよ",
            "ラインでもっと凄い話しよっか",
            "come on telegram, we can talk about naughty stuff",
            "add me on kik for spicier stuff",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "秘密の話はLINEでしよ",
            "大人の話は難しいよね",
            "親戚が大人の話は向こうでするって",
            "ラインで過激な話はやめとこ笑",
        ],
        Category::Sexual,
    );
}

#[test]
fn round16_grooming_apps_named_by_colour_or_mascot() {
    r15_flags(
        &[
            "緑のアプリで話そ",
            "緑のアプリ交換しよ",
            "おばけのアプリやっとる？追加して",
            "黄色いアプリで続きしよ",
            "do u have the yellow ghost app? add me",
            "whats ur name on the green app",
        ],
        Category::Contact,
    );
    r15_clean(
        &[
            "緑のアプリの通知うるさい",
            "緑のアプリから通知きてうるさい",
            "緑のアプリ繋がらない",
            "おばけのアプリやってる人多いよね",
            "黄色いおばけのキャラかわいい",
            "the green app keeps crashing on my phone",
        ],
        Category::Contact,
    );
}

#[test]
fn round16_grooming_station_asked_to_meet() {
    r15_flags(
        &[
            "今度の祭り一緒に行こうよ、最寄りどこ？",
            "どこの駅が近いん？会いに行くけん",
            "whats your nearest stop, ill meet u there",
            "which station are you closest to? i can come get you",
        ],
        Category::Contact,
    );
    r15_flags(
        &["what station r u near? i could come get u in my car and we could have some fun"],
        Category::Sexual,
    );
    r15_clean(
        &[
            "東京ドームって何駅が近い？",
            "何駅か先で降りる",
            "花火大会一緒に行く人ー！",
            "what station is the concert at?",
        ],
        Category::Contact,
    );
    r15_clean(
        &[
            "swim meet this weekend wish me luck",
            "受験番号090で草。電話番号みたいやん",
        ],
        Category::Contact,
    );
    r15_clean(
        &["come to my place after school, we could have some fun with the new console"],
        Category::Sexual,
    );
}

#[test]
fn round16_grooming_school_or_pickup_time_asked_to_come_by() {
    let asks = [
        "what school do u go to? ill wait outside after",
        "when does ur sister finish school? ill come by",
        "what time is pickup for ur brother, i can meet u there",
        "妹ちゃんのお迎えって何時？その時間に行くね",
        "下校何時？校門のとこで待っとくけん",
        "どこの保育園？お迎えの時に見に行くね",
    ];
    r15_flags(&asks, Category::PersonalInfo);
    r15_flags(&asks, Category::Contact);
    r15_clean(
        &[
            "what school do you go to? mine is really strict",
            "what time does your school finish? mine finishes at 3",
            "妹のお迎え何時だっけって母に聞かれた",
            "when does ur mum get back? hope shes ok",
        ],
        Category::PersonalInfo,
    );
}

#[test]
fn round16_grooming_daily_route_and_times_told() {
    r15_flags(
        &[
            "毎朝7時の電車の2号車に乗ってる",
            "8時10分のバス、いつも一番後ろに座ってる",
            "20時ごろ駅前のバス停で一人で待ってる",
            "弟の幼稚園のお迎えいつも15時半、私ひとりで行っとる",
            "北中の2年です、ラインはこちら",
            "im in year 8 at kingsway and i walk home along the canal every day",
            "i walk home through the park every day about half 4",
        ],
        Category::PersonalInfo,
    );
    r15_clean(
        &[
            "7時15分の電車いつも混んでてしんどい",
            "明日9時に駅前のバス停で待ってるね",
            "バス停で一人で待ってたら雨降ってきた",
            "17時にバス停でひとりで待ってたら先生が声かけてくれた",
            "8時の快速の先頭車両めっちゃ混む",
            "妹の保育園のお迎え毎日行ってて部活出られない",
            "弟の学童のお迎えいつも18時半だから部活早退してる",
            "最高の2年間だった、インスタに写真上げたよ",
            "在学中の2年間、ラインは毎日してた",
            "im in year 9 at school and i walk home with my mates",
        ],
        Category::PersonalInfo,
    );
}

#[test]
fn round16_grooming_money_for_oshi_adverts() {
    r15_flags(
        &[
            "お小遣いほしい人、インスタのDMまで！",
            "推し活資金ほしい人募集中！insta見てね",
            "need extra cash for concerts? dm me",
        ],
        Category::Spam,
    );
    r15_clean(
        &[
            "お小遣いほしい〜バイト探そうかな",
            "推し活資金ほしい、バイト増やす",
            "推し活資金ほしい人いる？みんなでバイト探そ、募集多いよ",
            "need extra cash for concerts so im doing a paper round",
        ],
        Category::Spam,
    );
}

// ---------------------------------------------------------------- round 17: selfharm

#[test]
fn round17_selfharm_after_an_event_then_ending_it() {
    r15_flags(
        &[
            "誕生日が終わったら終わりにしようって決めてる。それまではがんばる",
            "妹の誕生日過ぎたら終わりにするって決めとる",
            "推しのライブ見届けたら終わりにしようって決めてん",
            "年が明けたら終わりにすることにした",
            "after my brothers birthday im done, dont wanna ruin it for him",
            "after christmas im done. dont want to ruin christmas for my mum",
            "after mums birthday on friday ill be gone, dont want to ruin it for her",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "この問題終わったら今日は終わりにしよう",
            "宿題終わったら終わりにしようか",
            "イベント終わったらこのゲーム終わりにするって決めた",
            "大会が終わったら部活は終わりにするって決めた",
            "彼氏とは誕生日過ぎたら終わりにするって決めた",
            "after this match im done, dont want to ruin it for her by being grumpy",
            "im done with the cake for her party, dont want to ruin it for her",
            "after my shift im done, i'll be there for her birthday, dont want to ruin it for her",
            "thinking about what to get her, after school im done with exams",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round17_selfharm_farewells_settled_and_a_night_to_pick() {
    r15_flags(
        &[
            "今までありがとね。借りてた本も返したし、もう思い残すことない",
            "みんな今まであんがとね、借りてたもん全部返したけん、もう心残りないわ",
            "ペンとか全部あげたし、もう心残りないかな",
            "今夜でお別れです。みんなにだけは伝えたくて",
            "今晩でさよならやけん、最後にありがとうって言っときたくて",
            "wrote letters to my mum and my sister. just need to pick a night",
            "ive written my letters. all thats left is to pick the night",
            "gave away my stuff and said my goodbyes. only thing left is to pick a night",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "卒業式終わった！3年間今までありがとう、もう心残りない！",
            "推しのライブ行けたしもう心残りない",
            "引退試合終わった、悔いはない！今までありがとうございました",
            "ドラマ今夜でお別れかぁ、ありがとう最終回",
            "このラジオ、今夜でお別れです。ありがとうございました",
            "お土産あげたし、もう心残りないわ〜旅行最高",
            "wrote a letter to my pen pal, just need to pick a day to post it",
            "wrote letters to my grandparents, just need to choose the day to visit",
            "letters to my future self, pick a date to open them",
            "wrote letters to my friends for movie night invites, pick a night",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round17_selfharm_better_if_i_were_gone_in_dialects() {
    r15_flags(
        &[
            "あたしなんかおらんほうがみんな楽やろ",
            "わしなんかおらんかったほうがよかったんじゃ",
            "おらなんかいねほうがいいべ",
            "僕がいなかったほうが家族は幸せだった",
            "介護もまともにできねぇし、生ぎでる意味ねぇ",
            "もうなんもできん、生きとる意味ないわ",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "明日の話し合い、私いない方がいい？",
            "先生いないほうが楽",
            "あいつがいないほうが部活楽しい",
            "私いないほうがいいなら帰るよ（笑）お邪魔かな",
            "うちの猫、いないほうが静か",
            "この漫画、意味ないとこで終わった",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round17_selfharm_how_high_how_many_and_a_carers_dose() {
    r15_flags(
        &[
            "うちのマンション10階なんだけど、飛び降りたら確実かな",
            "何メートルあれば即死なん",
            "お父さんの注射、自分に多めに打ってみようかな",
            "ばあちゃんのインスリン、自分にたくさん打ったら楽になれるかな",
            "how many tablets would it actually take",
            "how many paracetamol does it really take. asking for real not for a project",
            "hoarding my nans co-codamol, i think i have enough now",
            "been saving up my grans tramadol for weeks now",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "何階建てのビル？エレベーター確実に来る？",
            "何mくらいの布あれば足りますか",
            "何階に集合？確実に行けるようにする",
            "パパのインスリン、次は太ももにする",
            "おばあちゃんのインスリン、打ちすぎたら低血糖になるから気をつけてる",
            "母の薬の管理、自分に全部まかされてる",
            "how many paracetamol can i take for a headache",
            "been saving up for my nans prescription, its so expensive",
            "saving up money for meds for my dog",
            "how high can a cat fall and survive",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round17_selfharm_an_edge_and_injury_moved_out_of_sight() {
    r15_flags(
        &[
            "ホームの端にずっと立ってた。次は戻らないかも",
            "屋上の柵の外に出てみた。戻りたくなかった",
            "ベランダの手すりの外に足かけた。次は戻らんかも",
            "stood on the edge of the roof for ages. next time i might not step back",
            "stood at the ledge of the car park. next time i wont come down",
            "腕の傷、親にバレそうやから次から太ももにする",
            "リスカの跡ばれた、次は見えないとこにする",
            "絆創膏だらけで先生に聞かれた、次から見えへんとこにする",
            "teacher nearly saw my wrists, so many plasters. ill do my thighs from now",
            "the scars on my arms got noticed, gonna do it somewhere nobody can see",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "ホームの端は危ないから下がってって言われた",
            "橋の上から花火見た、最高",
            "崖の上の城、次はいけるかも（ゲーム）",
            "stood at the edge of the platform and the train doors opened",
            "in dance we have to step back on the beat, i keep not stepping back in time",
            "爪切ってるの、次は足にする",
            "ネイル、次は足にする",
            "絆創膏多すぎって笑われた、靴擦れひどい",
            "i put plasters on my arm, my thighs instead got the sunburn",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round17_selfharm_an_overdose_of_a_show_stays_clean() {
    r15_clean(
        &[
            "i overdosed on netflix this weekend",
            "overdosed on kdramas again lol",
            "i overdosed on chocolate and sugar",
        ],
        Category::SelfHarm,
    );
    r15_flags(
        &[
            "i overdosed on my mums pills",
            "overdosed on purpose last night",
            "i overdosed on tablets again",
            "i want to overdose on something",
        ],
        Category::SelfHarm,
    );
}

// ---------------------------------------------------------------- round 17: grooming
// Classes of round 17's sexual, contact, personal_info and spam misses (rules under "round 17:
// grooming"): a photo held with "do as you're told", nudes posted if blocked, feet or faceless
// photos for money, an adult man set against peers, a sexual history asked with "you can tell
// me", sexual photos moved to an app, a handle between "add me" and the app, easy money with an
// ID, a club's end time asked to wait outside, a sibling's pickup time asked to meet, waiting
// alone at a gate; and the look-alikes now cancelled (応援交代, an animal's range, an outfit for
// an event, "i know where you live" as a threat).

#[test]
fn round17_grooming_photo_held_with_obey() {
    r15_flags(
        &[
            "あの画像まだ持ってるけん、言うこと聞かんかったらみんなに見せるけんね",
            "あの動画、言う通りにしないとネットに上げるからな",
            "写真まだ持ってるよ？言う通りにしないと学校に送るから",
            "あの写メ持っとるで。逆らったら学校中にばらまくで",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "あの写真まだ持ってる？クラスのグループに流して！",
            "あの写真いいね、文化祭の時のやつ",
            "弟が言うこと聞かないから困る、あの写真の頃はかわいかったのに",
        ],
        Category::Sexual,
    );
}

#[test]
fn round17_grooming_nudes_posted_if_blocked() {
    r15_flags(
        &[
            "im gonna post your nudes everywhere if you ignore me",
            "i will share ur pics with everyone if u stop replying",
            "ill leak your nudes if you block me",
            "i'll share ur n*des if you block me",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "post your art on insta if you stop being shy lol",
            "share your notes if you leave early pls",
            "send your homework if u leave before me",
            "post your pics if you want feedback",
            "share your photos if you dont mind",
        ],
        Category::Sexual,
    );
}

#[test]
fn round17_grooming_faceless_or_feet_photos_for_money() {
    r15_flags(
        &[
            "顔出さなくていいから足の写真1万でどう？",
            "足の写メだけ送ってくれたらお小遣いあげる",
            "顔隠していいし2万出すよ",
            "顔は写さなくていいよ、3000円払うから",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "足の写真送るね、病院で捻挫って言われた",
            "顔出しなしでゲーム配信してる、楽しい",
        ],
        Category::Sexual,
    );
}

#[test]
fn round17_grooming_adult_man_against_peers() {
    r15_flags(
        &[
            "同級生より話しやすいでしょ、俺みたいな大人の方が",
            "大人の男の方が同い年の子より落ち着くやろ？",
            "年上の男とかあり？",
            "大人の男性ってどう？",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "同い年の子より先輩の方が話しやすいよね",
            "おじさんってどう思う？って聞かれても困る",
            "同級生より先輩の方が楽しいよね部活",
            "おじさんの方が同級生より早く走れるってマジ？",
        ],
        Category::Sexual,
    );
}

#[test]
fn round17_grooming_sexual_history_you_can_tell_me() {
    r15_flags(
        &[
            "have you ever done it with your boyfriend? you can tell me",
            "how far did u go with him, i wont tell anyone",
            "have you done anything with her? dont be shy",
            "have u done anything with a boy before? our secret",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "have you done anything with the project yet? you can tell me if youre stuck",
            "did you do anything with your hair? its normal to change it up",
            "how far did you go on the hike? be honest with me lol",
        ],
        Category::Sexual,
    );
}

#[test]
fn round17_grooming_sexual_photos_moved_to_an_app() {
    r15_flags(
        &[
            "インスタのDMで下着の写真送ってよ",
            "ラインに制服の写真送ってよ",
            "dmで脱いだ写真送って",
            "ディスコで水着の写真見せて",
        ],
        Category::Contact,
    );
    r15_clean(
        &[
            "インスタで制服の写真上げたら先生に怒られた",
            "ラインで部活の写真送るね",
            "インスタで水着の広告ばっかり出てくる",
        ],
        Category::Contact,
    );
}

#[test]
fn round17_grooming_handle_between_add_me_and_app() {
    r15_flags(
        &[
            "add me on snap im sweetgirl_09",
            "hmu kira.x on ig",
            "follow me lilpeach22 on tiktok",
            "ライン の ID は yuki_112 だよ",
        ],
        Category::Contact,
    );
    r15_clean(&["i spend hours on insta every night"], Category::Contact);
}

#[test]
fn round17_grooming_easy_money_with_an_id() {
    r15_flags(
        &[
            "簡単に稼げる！ID tanaka01 まで",
            "即金 ID earn77",
            "高収入 lineまで",
        ],
        Category::Spam,
    );
    r15_clean(
        &[
            "ゲームでコイン稼げるよ",
            "副業の話、親がしてた",
            "バイトで稼げるって先輩が言ってた",
        ],
        Category::Spam,
    );
}

#[test]
fn round17_grooming_club_end_asked_to_wait_outside() {
    r15_flags(
        &[
            "どこ中？部活何時に終わる？正門で待っとくけん",
            "何高なん？塾終わるの何時？外で待ってるね",
            "練習何時まで？迎えに行くよ",
            "what time does training finish? ill be outside",
            "which school do u go to? when does rehearsal finish, i could wait for u outside",
            "what time does school finish for you? ill be waiting outside the gate",
        ],
        Category::Contact,
    );
    r15_clean(
        &[
            "部活終わるの何時？お母さんが迎えに行くって",
            "部活何時まで？待ってて一緒に帰ろ",
            "部活終わるの何時？ 校門で待ってるね、一緒に帰ろ",
            "what time does practice finish? my mum can pick us both up",
            "practice finishes at 5 so i cant come",
            "school finishes at 3 but i could wait till 4 for the match",
        ],
        Category::Contact,
    );
}

#[test]
fn round17_grooming_sibling_pickup_asked_to_meet() {
    r15_flags(
        &[
            "妹ちゃんのお迎えって何時なん？ほんなら会えそうやな",
            "弟くんのお迎えいつ？会えるかもね",
        ],
        Category::Contact,
    );
    r15_flags(
        &[
            "妹ちゃんのお迎えって何時なん？ほんなら会えそうやな",
            "弟くんのお迎えいつ？会えるかもね",
        ],
        Category::PersonalInfo,
    );
    r15_clean(
        &[
            "弟のお迎え何時だっけ、その時間なら買い物行ける",
            "妹ちゃんのお迎え何時？って先生に聞かれた",
        ],
        Category::Contact,
    );
}

#[test]
fn round17_grooming_waiting_alone_at_a_gate() {
    r15_flags(
        &[
            "17時に校門の前で待ってる、ひとりで",
            "毎日16時半に正門で妹待ってる。一人で",
            "塾のあと駅前で迎え待ってる。一人で帰る日もある",
        ],
        Category::PersonalInfo,
    );
    r15_clean(
        &[
            "妹の保育園のお迎え毎日行ってて部活出られない",
            "ひとりで帰るの寂しい",
            "弟の学童のお迎えいつも18時半だから部活早退してる",
        ],
        Category::PersonalInfo,
    );
}

#[test]
fn round17_grooming_spellings_and_cancelled_look_alikes() {
    r15_flags(
        &[
            "ぬいだしゃしんちょうだい",
            "はだかの写メ送って",
            "pかつしてる？",
            "エロ写メ回そうぜ",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "かつ丼食べたい",
            "ぬいだ靴どこいった",
            "ぬいぐるみの写真",
            "応援交代でちょっと休めた",
            "支援交換会に行ってきた",
            "what are you wearing for halloween",
            "what r u wearing to prom lol",
            "what are you wearing tomorrow for non uniform day",
        ],
        Category::Sexual,
    );
    r15_flags(
        &[
            "what are you wearing right now",
            "what are you wearing to bed",
            "what are you wearing for me tonight",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "ペンギンってどこ住み？南極？",
            "コアラってどこ住み？オーストラリアだっけ",
        ],
        Category::Contact,
    );
    r15_flags(&["どこ住み？南米から来た人？会おうよ"], Category::Contact);
    r15_clean(
        &["i know where you live lol we did the project at yours"],
        Category::Contact,
    );
    r15_flags(
        &["i know where u live, watch your back"],
        Category::Harassment,
    );
}

// ---------------------------------------------------------------- round 17: abuse
// Classes of round 17's abuse and harassment misses (rules under "round 17: abuse"): a sick or hurt
// child kept from a doctor or dentist (overreacting, a waste of money); a household man peeping at
// the bath or while changing; a relative or household man doing 変なこと to the writer; a parent
// saying the writer's death would be a relief; made to sleep on the floor or in the hallway; a
// pile-on thread with a call to write in; a classmate's sexual photos passed round; n*des threats;
// and 池沼 as ponds and marshes. Both sides, in new sentences (not lines of any evaluation set).

#[test]
fn round17_abuse_care_refused_is_flagged() {
    r15_flags(
        &[
            "足めっちゃ腫れてるのに、母に病院なんか行かなくていいって言われた",
            "熱あるけん病院行きたいって言ったら、おとんに大げさやって怒られた",
            "歯医者行きたい言うたら、もったいないって言われた。ずっと痛い",
            "病院行かせるわけないやろって継父が言う、咳止まらん",
            "耳痛いのに耳鼻科なんか行かせへんってオカンが",
            "my tooth is killing me but mum says its a waste of money going to the dentist",
            "dad says im being dramatic and wont take me to the doctor, my arm is swollen",
            "told my stepdad i need a doctor and he said im faking",
            "mum refuses to pay for the dentist so i just live with the pain",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "病院行ったら先生に大げさだって笑われた、ただの筋肉痛",
            "病院の先生が大げさだって言ってた、ただの風邪",
            "歯医者の待ち時間長すぎてもったいないって感じ",
            "病院行くほどじゃないかな、大げさかな",
            "眼科でコンタクト作るのもったいないけん眼鏡にした",
            "母の介護で病院連れてくの大変、でもがんばる",
            "お母さんを病院に行かせるか迷ってる、熱が下がらない",
            "犬を病院に行かせるか迷う",
            "歯医者なんか行かなくていいって言ってたのに、結局行った笑",
            "the hospital parking is such a waste of money",
            "my mum says the orthodontist is a waste of money so no braces for me lol",
            "the dentist is so expensive but my mum is paying for braces",
            "i'm being dramatic but i hate the dentist",
            "going to the dentist tomorrow, rotten tooth, wish me luck",
        ],
        Category::Abuse,
    );
}

#[test]
fn round17_abuse_peeping_and_weird_things_are_flagged() {
    r15_flags(
        &[
            "じいちゃんが風呂覗きに来るけん、毎回怖い",
            "母の彼氏が、うちがお風呂入っとるときに覗いてくるっちゃん",
            "義父がシャワー中に覗いてくる",
            "いとこのお兄ちゃんに変なことされた、親に言えない",
            "おじさんが家来るとき変なことしてくる",
            "じいちゃんちに泊まると変なとこ触られる",
            "継父に変なことさせられてる",
            "母の再婚相手が夜に変なことしてくる",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "お風呂沸いたか覗いてくるね",
            "猫がお風呂覗いてくる、かわいい",
            "父がお風呂掃除してくれた",
            "兄に寝てる間に変なことされた、顔に落書きｗ",
            "パパがまた変なことしてる、変顔",
            "じいちゃんが変なこと言ってて笑った",
            "おじさんが変なダンスしてた",
        ],
        Category::Abuse,
    );
}

#[test]
fn round17_abuse_parent_wishes_you_dead_and_floor_sleeping_are_flagged() {
    r15_flags(
        &[
            "父に「おまえが死んでくれたら楽なのに」って言われた",
            "おかんが、あんたさえおらんかったらって言う",
            "ママの彼氏にお前が死ねばいいって言われた",
            "母ちゃんに、おめが死ねばええって怒鳴られた",
            "my mum's boyfriend makes me sleep in the garage",
            "stepdad forces me to sleep on the floor cos i dont deserve a bed",
            "my dad made me sleep on the landing again",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "お前さえいなければ勝てたのにｗ（スマブラ）",
            "「お前さえいなければ」って漫画のセリフかっこいい",
            "ママが死んだら私どうしよう、考えただけで泣ける",
            "i had to sleep on the floor at my cousins lol",
            "mum made me sleep early because of the exam",
            "the cat makes me sleep better",
            "my brother makes me sleep on the floor when we have sleepovers lol",
            "camping this weekend, dad makes us sleep outside in a tent",
            "my dog sleeps on the floor in the hallway",
        ],
        Category::Abuse,
    );
}

#[test]
fn round17_abuse_pile_on_threads_and_passed_round_pics_are_flagged() {
    r15_flags(
        &[
            "あいつのアンチスレ作ったけん、みんな書き込んでな",
            "〇〇の悪口グル作ったから招待する",
            "晒し垢作った、拡散よろしく",
            "悪口スレ立てといた、どんどん書きこんで",
            "〇〇の裸の写真あるけん、グループに流そうや",
            "あいつのエロ画像みんなに送ろうぜ",
            "着替えの盗撮動画、回そうや",
            "im gonna leak your n*des",
            "ill post ur n*des in the group chat",
        ],
        Category::Harassment,
    );
    r15_clean(
        &[
            "推しのアンチスレ見ちゃった、つら",
            "悪口スレに書き込まれてた、どうしよう",
            "悪口グル作られてたの知って泣いた",
            "盗撮写真が回ってきて最悪、先生に言う",
            "ポケモンの写真グループに貼ろ",
            "推しの盗撮写真回そうとするファンまじ無理",
            "アンチスレ、書き込んでる人通報しといた",
            "悪口スレとか見ない方がいいよ、拡散もしないで",
            "ill post the pics from the trip to the group chat",
            "理科の校外学習で池沼の生き物を観察した",
            "社会の授業で河川や池沼の役割を調べた",
        ],
        Category::Harassment,
    );
}

// ---------------------------------------------------------------- round 18: selfharm

#[test]
fn round18_selfharm_blade_deeper_and_relapse() {
    r15_flags(
        &[
            "カミソリ新しくした、今夜はいつもより深くいくつもり",
            "剃刀出してきた。前より深く切ると思う",
            "リスカずっと我慢してたけど、おとといまたやってしまった",
            "手首切るのやめて3ヶ月だったのに、またしちゃった",
            "腕の傷増えてくばっかりで、やめられない",
            "足だと見えるかもだからバレないように、お腹にした",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "ダンボール工作、カッターの刃を深めに入れて切り込み作る",
            "お菓子やめてたのに昨日またやっちゃった、ダイエット失敗",
            "スマホの傷増えすぎてやばい、でもガチャやめられん",
            "腕時計バレるから太ももにつけて隠した、校則きびしい",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round18_selfharm_pills_all_and_enough_for_me() {
    r15_flags(
        &[
            "せき止め3びん買ってきた、こんやぜんぶのむ",
            "くすり、あした全部いっきにのむ",
            "じいちゃんの睡眠薬の残り、これ私でも足りるなって思った",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "母の薬の仕分け手伝った、量多くて大変",
            "薬足りるか心配、旅行あと5日あるし",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round18_selfharm_places_decided_and_edges() {
    r15_flags(
        &[
            "家族が寝たら線路のとこ行こうと思ってる",
            "塾のあと駅のホーム行く、決めとる",
            "歩道橋のとこで長いこと止まってた。次はフェンス越えられそう",
            "誕生日までは生きるって決めてたのに、もう限界",
            "ばあちゃんおらんくなったら、うちもついて逝く",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "昼休みは屋上行くって決めてる、風気持ちいい",
            "屋上の鍵壊れてるの先生に報告した",
            "ハードル次は越えられそう、練習がんばる",
            "テストまでは頑張るけどもう無理、眠い",
            "おばあちゃんが逝ってしまって寂しい",
            "アリスカフェのパンケーキ美味しかった",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round18_selfharm_english_edges_farewells_and_following() {
    r15_flags(
        &[
            "spent half an hour on the ledge of the car park roof thinking about jumping",
            "once my nan passes im going with her, nothing keeping me here",
            "wrote goodbye letters to my two best friends. by sunday im gone",
            "my dad strangles me when he's angry and i kind of hope he doesnt stop next time",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "i stood at the railing of the ferry thinking about how pretty the sea was",
            "when grandad passes the ball to me i always miss",
            "wrote letters for my pen pals, im done with that for this week",
            "my brother hits me with pillows and i told him not to stop the game",
            "cut myself a huge slice of pizza lol",
            "wearing long sleeves so no one sees the marks my dad leaves",
        ],
        Category::SelfHarm,
    );
}

// ---------------------------------------------------------------- round 18: abuse

#[test]
fn round18_abuse_slaps_and_kana_blows() {
    r15_flags(
        &[
            "小遣い出さんかったら姉にまたビンタされた",
            "言い返したら平手打ちされて耳鳴りがする",
            "あにき に なぐられた、くち きれてる",
            "ははおやに けりいれられて たてない",
            "ぎぼ に ぼこぼこにされる まいにち",
            "まい・にち・おかん・に・た・た・か・れ・る",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "ドラマで主人公がビンタされるシーン泣いた",
            "お母さんに助けられた、ほんと感謝",
            "お父さんに見つけられてかくれんぼ負けた",
            "ははっ、すぐ見つけられたわ",
            "おにいちゃんにゲームで負けられない",
        ],
        Category::Abuse,
    );
}

#[test]
fn round18_abuse_cover_story_and_blade() {
    r15_flags(
        &[
            "叔父に叩かれたあざ、友達には転んだって嘘ついてる",
            "顔のあざ、学校では階段から落ちたって嘘ついた",
            "義父がキレると包丁を持ってきて壁に刺す",
            "母が酔ったらナイフ出してきて怖い",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "膝のあざ、階段で転んだってみんなに言った",
            "お母さんが包丁出して魚さばいてくれた",
            "父と包丁持って料理教室行ってきた",
            "母に叩き起こされた、今日も寝坊",
            "スイカ割りで兄の頭叩いちゃった笑",
        ],
        Category::Abuse,
    );
}

#[test]
fn round18_abuse_told_to_die_and_one_meal() {
    r15_flags(
        &[
            "おとんに毎晩死ね言われてる、慣れたけど",
            "母親に消えろって言われるのが日常",
            "父はギャンブルばっかで、ご飯は一日一回だけ",
            "親は帰ってこないし1日1食しか食べてない",
            "いつも からだ さ●られる、ぎふに",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "友達に死ねって言われた、冗談やけど",
            "ダイエットで1日1食にしてるって母に言った",
            "みんなが去っていって寂しい",
            "満足さってくれたらいいけど",
        ],
        Category::Abuse,
    );
}

#[test]
fn round18_abuse_english_families() {
    r15_flags(
        &[
            "my stepfather keeps coming into the bathroom when i'm showering",
            "my stepbrother watches me get changed and laughs",
            "he says if i tell anyone he'll do the same to my baby brother",
            "long sleeves all summer cos of the bruises my dad leaves",
            "nobody sees the welts his belt leaves on me",
            "my stepmum locks the fridge and says i eat too much",
            "i only eat at school, there's never any food at home",
            "my fthr hts me whn he's drnk",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "my dad walked in on me in the shower once, so embarrassing",
            "if i tell anyone the ending my sister will kill me lol",
            "my mum gave me arnica for the bruises, hockey is brutal",
            "my dad leaves marks on the floor with his work boots",
            "my mum leaves lipstick marks on every mug",
            "i only eat at school on fridays because it's pizza day",
            "my mum locked the front door and i forgot my keys",
            "if i tell my sister about the party she'll tell mum",
        ],
        Category::Abuse,
    );
}

// ---------------------------------------------------------------- round 18: grooming

#[test]
fn round18_grooming_age_then_pictures_or_adult_partner() {
    r15_flags(
        &[
            "ur 14? nice. snap me some pics later",
            "you are 12?? thats fine, send selfies on insta",
            "im 14 and my bf is 26 but he says nobody needs to know",
            "hes 30 and im only 13, we met on roblox",
            "え、中2なの？大丈夫大丈夫、歳の差なんて関係ないよ",
            "年齢差とか気にしないから安心して",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "youre 13? same! what year are you in",
            "im 14 and my brother is 20, he drives me to school",
            "年の差カップルのドラマ見てる、主人公20歳差",
            "祖父母は5歳の差がある",
        ],
        Category::Sexual,
    );
}

#[test]
fn round18_grooming_meet_then_allowance_or_pampering() {
    r15_flags(
        &[
            "会ってくれたらお小遣いあげるよ、困ってるんでしょ",
            "一回会えればお手当出すよ",
            "次会えた時はたっぷり可愛がってあげるからね",
            "会えたら気持ちよくしてあげる",
            "経験ないの？大丈夫、優しくするから",
            "first time? dont worry ill be gentle",
            "新しいスマホ買ってあげてもいいよ、その代わり一回だけ言うこと聞いて",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "おばあちゃんに会えたらお小遣いもらえるかも",
            "子猫がうちに来たら可愛がってあげるんだ",
            "保護猫カフェで推しの子に会えたら可愛がってあげたい",
            "初めてなの？先生優しいから大丈夫だよ",
            "first time baking? its easy, ill send the recipe",
            "誕生日に妹にぬいぐるみ買ってあげる予定",
        ],
        Category::Sexual,
    );
}

#[test]
fn round18_grooming_paid_pictures_and_shared_fakes() {
    r15_flags(
        &[
            "some guy keeps offering me robux for pics, idk",
            "someone said theyd give 20 bucks for feet pics",
            "theres fake nudes of jess going round the whole school lol",
            "えっちなしゃしん送って",
            "隠し撮りした動画あるけど見たいやつおる？",
            "炎交しない？",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "my aunt paid 20 quid for the photo booth at the wedding",
            "the art teacher showed a nude statue painting lol",
            "盗撮の被害にあったらすぐ先生に言ってね",
            "エッチな話は苦手",
        ],
        Category::Sexual,
    );
}

#[test]
fn round18_grooming_come_alone_call_and_spelled_numbers() {
    r15_flags(
        &[
            "駅の裏で待っとるけん、ひとりで来てね",
            "ill wait behind the shop, come alone ok",
            "今夜通話しない？",
            "でんわばんごう、ぜろはちぜろのいちにさんよん",
            "あいでぃーはyui0301だよ",
        ],
        Category::Contact,
    );
    r15_clean(
        &[
            "今日は友達と通話しよっと",
            "駅で待ってるってお母さんが言ってた",
            "ボードゲームのゼロを並べる遊び",
            "アイディアは出たけどまとまらない",
        ],
        Category::Contact,
    );
}

#[test]
fn round18_grooming_harassment_pile_ons() {
    r15_flags(
        &[
            "あいつの上履き隠したったｗ明日は教科書捨てる",
            "デブは同じ空気吸うなよお前",
            "かわいそうアピールして同情引いてんじゃねーよ",
            "あいつの本名晒そうぜ",
            "今から家凸しよ",
            "あの子ヤリマンらしいって噂広めよ",
            "we voted, ur officially the weirdest kid in year 8",
            "so broke you wear your brothers shoes, loser",
            "everyone h a t e s you",
        ],
        Category::Harassment,
    );
    r15_clean(
        &[
            "雪で靴隠れるくらい積もったｗ",
            "俺の黒歴史写真晒すわ笑",
            "同情引くような書き方しちゃったかな",
            "噂流そうとするやつ最低",
            "im so broke until payday lol",
            "ネットでブスって言われとる",
        ],
        Category::Harassment,
    );
}

// ---------------------------------------------------------------- round 19: selfharm

#[test]
fn round19_selfharm_doubt_living_until_and_blade_to_calm() {
    r15_flags(
        &[
            "来月まで生きてられる気がしない",
            "夏休みまで生きとる自信ないわ",
            "カミソリ持ってないと落ち着かない",
            "自分を痛めつけないと落ち着かない",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "100歳まで生きられる気がしない笑",
            "スマホの充電、夜までもつ気がしない",
            "明日の試合、勝てる自信ない",
            "筋トレで自分の体を痛めつけてる笑",
            "ナイフ研いでると落ち着く",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round19_selfharm_giving_away_funeral_and_letters() {
    r15_flags(
        &[
            "ゲーム機も漫画も全部妹に譲った。私にはもう必要ないし",
            "お葬式で流してほしい曲、リストにしといた",
            "家族には手紙置いといた。今までありがとうって",
            "gave my switch to my little brother, he doesnt have to give it back",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "古い服はフリマで売った、もう着ないし",
            "おばあちゃんのお葬式で流す曲をみんなで選んだ",
            "母の日に手紙書いた、ありがとうって",
            "gave my old bike to my cousin, he'll give it back when he's bigger",
            "昔のおもちゃは従妹にあげた、私にはもう小さいし",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round19_selfharm_cord_no_reason_and_not_waking() {
    r15_flags(
        &[
            "太いロープ買った。何に使うかは聞かないで",
            "もう自分が生きてる理由わからない",
            "もう二度と目覚めませんように",
            "寝てる間に消えれたらいいのに",
            "もういきてたくない",
            "ぜんぶおわりにしたい",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "キャンプ用に丈夫なロープ買った",
            "ここにいる理由ないし、もう帰ろ",
            "寝坊しないように目覚まし三つかけた",
            "寝たまま朝ごはん食べたい",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round19_selfharm_english_heights_timing_and_sharp_things() {
    r15_flags(
        &[
            "the top of the car park is so high. cant stop thinking about it",
            "once my parents are asleep tonight. made up my mind",
            "pressed a safety pin into my wrist again",
            "i push the sharpener blade in till it bleeds",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "the view from the tower was so high, i keep thinking about how pretty it was",
            "after everyone's asleep i'm gonna finish my game",
            "need a compass and a protractor for maths",
            "i wanna dye my hair pink tonight",
            "the first drop on that roller coaster was so high, cant stop thinking about it",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round19_selfharm_lessons_titles_and_lookalikes_stay_clean() {
    r15_clean(
        &[
            "our new album is called overdose of love",
            "信長は本能寺で自害したってテストに出た",
            "細胞の自殺ってアポトーシスのことだよね",
            "机の上から消えたいちご大福、誰が食べたん",
        ],
        Category::SelfHarm,
    );
}

// ---------------------------------------------------------------- round 19: abuse

#[test]
fn round19_abuse_kana_blow_after_time_word() {
    r15_flags(
        &[
            "おかんに毎日なぐられてる",
            "義父にいつもたたかれる、もう嫌",
            "兄貴に昨日もけ●られた",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "友達に声かけられて、毎日たのしい",
            "父さんに毎回助けられてる、ほんと感謝",
            "母にまた見つけられた、隠したお菓子",
        ],
        Category::Abuse,
    );
}

#[test]
fn round19_abuse_silenced_or_shut_away_for_crying() {
    r15_flags(
        &[
            "騒ぐとうるさいって押し入れに閉じ込められる",
            "泣いたら口をテープでふさがれた",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "泣くと弟がうるさいって言うから、イヤホンした",
            "ママが赤ちゃんの口元をタオルでふいてる",
        ],
        Category::Abuse,
    );
}

#[test]
fn round19_abuse_parent_says_die_casually() {
    r15_flags(
        &["おとんは兄ばっかり可愛がって、うちには死ねっていつも言ってくる"],
        Category::Abuse,
    );
    r15_clean(
        &["母に「死ねって普通に言う子とは遊ぶな」って言われた"],
        Category::Abuse,
    );
}

#[test]
fn round19_abuse_punished_sleep_place() {
    r15_flags(
        &[
            "お仕置きで玄関で寝かされた、寒かった",
            "my stepdad makes me sleep on the kitchen floor when he's angry",
            "they made me sleep in the basement as punishment",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "罰として部活で走らされた",
            "my friends made me sleep on the floor at the sleepover lol",
        ],
        Category::Abuse,
    );
}

#[test]
fn round19_abuse_not_fed_for_days() {
    r15_flags(
        &[
            "dad hasnt fed us since tuesday, theres nothing in the cupboards",
            "my mum never buys food, we live off toast",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "my mum hasnt bought food for the party yet",
            "my dog hasnt been fed since this morning",
        ],
        Category::Abuse,
    );
}

#[test]
fn round19_abuse_no_one_takes_me_to_doctor() {
    r15_flags(
        &["my tooth has been swollen for a week and no one will take me to the dentist"],
        Category::Abuse,
    );
    r15_clean(
        &[
            "mum took me to the doctor because i had a fever for days",
            "mum won't take me to the cinema, been bored for days",
        ],
        Category::Abuse,
    );
}

#[test]
fn round19_abuse_relative_throws_at_me() {
    r15_flags(
        &["my aunt chucks anything she can reach at me when she's drunk"],
        Category::Abuse,
    );
    r15_clean(
        &[
            "my grandad throws stuff at me when we play dodgeball lol",
            "dad threw a ball at me in the garden and i caught it",
        ],
        Category::Abuse,
    );
}

#[test]
fn round19_abuse_injury_cover_story() {
    r15_flags(
        &[
            "i've got bruises on my arm from dad and he made me say i fell",
            "she told me to say i walked into a door when the teacher asked about my black eye",
        ],
        Category::Abuse,
    );
    r15_clean(
        &["got a black eye playing rugby, told everyone i'm fine"],
        Category::Abuse,
    );
}

// ---------------------------------------------------------------- round 19: grooming

#[test]
fn round19_grooming_body_touched_or_stared_at() {
    r15_flags(
        &[
            "塾の帰り、バスで知らない人に太もも触られた",
            "寝てたら泊めてくれた人に体さわられてて怖かった",
            "部活の先生がずっと胸じろじろ見てくる",
            "コーチにお尻撫でられたけど誰にも言えん",
            "部活のコーチが、私が着替えてると勝手に入ってくる",
            "近所の人にシャワー覗かれてた気がする",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "体育の先生に腕を触られて、フォーム直された",
            "ちょっとお風呂入ってくるね",
            "猫が夜中に布団に入ってくるから寝不足",
            "妹が夜中に布団に入ってきてかわいい",
            "裸足で公園走ったら気持ちよかった",
        ],
        Category::Sexual,
    );
}

#[test]
fn round19_grooming_intimate_pictures_taken_or_spread() {
    r15_flags(
        &[
            "ネットの人に下着姿の写真撮ってって言われた",
            "付き合ってた人が裸の動画持ってて、学校に送るって脅してくる",
            "he wants me to send a pic without any clothes on",
            "she asked for a vid with my clothes off, said it stays between us",
            "a guy online keeps asking what i'm wearing and whether i'm home alone",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "what are you wearing to the party tonight?",
            "my baby brother ran round with no clothes on after his bath",
            "遺影の写真選んだ",
            "エンコードが終わらん、動画重すぎ",
        ],
        Category::Sexual,
    );
}

#[test]
fn round19_grooming_paid_or_dressed_up_meeting() {
    r15_flags(
        &[
            "this man offered me money to meet and have some fun after",
            "a grown man from discord wants to meet and said i should wear a short skirt",
            "おとまりしよ、もう部屋とったから",
        ],
        Category::Sexual,
    );
    r15_flags(
        &[
            "this man from roblox offered me 30 quid to meet him at the park",
            "a grown man from discord wants to meet and said i should wear a short skirt",
            "ネットの人に、会ってホテル行こうって言われた",
            "誰か今夜泊めてくれる人いませんか、お礼します",
            "うちに泊まっていいよ、迎えに行くから最寄り教えて",
            "車出すよ、年齢とか気にしないし",
            "新しい住所送っとくね、いつでも遊びに来てね",
            "個チャで話そ、ここだと運営に見られるし",
            "放課後に裏門で会お、親には内緒な",
        ],
        Category::Contact,
    );
    r15_clean(
        &[
            "my mate offered me a lift to the party, gonna have some fun",
            "友達とディズニーのホテル予約した、お泊まり楽しみ",
            "家族旅行でホテルにお泊まり",
            "今日友達の家に泊めてほしいって頼んだ",
            "お母さんが車出してくれるから遊ぼ",
            "meet me by the school gates after assembly",
            "wanna meet at the canteen before first period?",
        ],
        Category::Contact,
    );
    r15_clean(
        &["my mate offered me a lift to the party, gonna have some fun"],
        Category::Sexual,
    );
}

#[test]
fn round19_grooming_stink_friendless_or_gang_to_home() {
    r15_flags(
        &[
            "お前くさいから近寄んな",
            "あんたのこと誰も友達と思ってないからね",
            "あいつの家にみんなでピンポンダッシュしに行こうぜ",
        ],
        Category::Harassment,
    );
    r15_clean(
        &[
            "おばあちゃんの家にみんなで行こう",
            "この靴くさいから洗わんと",
            "友達の家にピンポンしに行ったら留守やった",
        ],
        Category::Harassment,
    );
}

#[test]
fn round20_grooming_paid_meeting() {
    r15_flags(
        &[
            "駅前まで来てくれたらお小遣い5千円あげるよ",
            "一回会うだけで1万円渡すよ、どう？",
            "遊んでくれたら3万円払うから連絡して",
        ],
        Category::Sexual,
    );
    r15_flags(
        &[
            "駅前まで来てくれたらお小遣い5千円あげるよ",
            "一回会うだけで1万円渡すよ、どう？",
            "ネットで知り合った人がご飯行ったら2万くれるって、来週会う予定",
            "DMの人、1回で3万もらえるって。行ってみようかな",
        ],
        Category::Contact,
    );
    r15_clean(
        &[
            "ばあちゃんに会ったら1万くれるって、明日行く予定",
            "会ったらお金返すね",
            "来てくれたらお菓子あげる",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "ばあちゃんに会ったら1万くれるって、明日行く予定",
            "会ったらお金返すね",
        ],
        Category::Contact,
    );
}

#[test]
fn round20_grooming_undress_underwear_or_used_items() {
    r15_flags(
        &[
            "ノーブラで来てね、駅で待ってる",
            "下着なしで自撮り送ってよ",
            "パンツはかないで来れる？",
            "脱いでくれたら5千円あげる",
            "配信中に視聴者から脱げってコメント来る",
            "使用済みのパンツって本当に売れるの？",
            "履いた靴下ほしい人いたら売るよ",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "夏は家だとノーブラで過ごしてる",
            "下着なしで寝るの楽",
            "コート脱いだら寒くて震えた",
            "配信中に暑くてパーカー脱いじゃった",
            "使用済み切手を集めて寄付した",
            "履いた靴下を洗濯カゴに入れて",
        ],
        Category::Sexual,
    );
}

#[test]
fn round20_grooming_touched_filmed_or_forced() {
    r15_flags(
        &[
            "電車でスカートの中をスマホで撮られた気がする",
            "エスカレーターで逆さ撮りされてたって後ろの人に言われた",
            "コンビニの店長がブラのひもを触ってくる",
            "塾の先生が内もも撫でてきた",
            "やらせてくれないなら別れようって彼氏に言われた",
            "いやって言ったのに押し倒された",
            "元カレに撮られた裸の写真がネットに出回ってるらしい",
            "下着姿の動画が流出してた、最悪",
            "塾の先輩に無理矢理キスされた",
            "部活の先輩に最後までされた、誰にも言えない",
            "初めてもらってあげるよって30代の人からDM",
            "処女ちょうだいってDM来た、きもい",
        ],
        Category::Sexual,
    );
    // A relative's forced kiss stays abuse only (rounds 11-19).
    r15_clean(
        &[
            "スカートの中にジャージ履いてる",
            "猫のお尻撫でてあげると喜ぶ",
            "ばあちゃんの腰さすってきた",
            "ブラウスの袖を触ってくる子がいる",
            "ゲームやらせてくれないならもう寝る",
            "ラグビーの練習で押し倒されて泥だらけ",
            "犬に押し倒されて顔なめられた",
            "裸の王様の動画がネットにあるよ",
            "無理やり連れて行かれた映画が最高だった",
            "初めてもらった給料で母にプレゼント",
            "いとこに無理やりキスされた、家族には言えない",
        ],
        Category::Sexual,
    );
}

#[test]
fn round20_grooming_english_touch_film_pay_or_rate() {
    r15_flags(
        &[
            "my tutor keeps touching me under the desk",
            "the swim coach touched me in the changing room",
            "the lodger keeps trying to watch me get changed",
            "a man from the leisure centre tried to get in the shower with me",
            "some lad recorded me getting changed after pe",
            "a guy was filming me in the toilets",
            "he said he will pay if we have some fun after school",
            "send me 68337 tonight",
            "lets all rate her bikini pics in the chat",
            "rating her body out of 10 in the gc lol",
            "hvmw krxh or i tell everyone",
        ],
        Category::Sexual,
    );
    r15_flags(
        &[
            "lets all rate her bikini pics in the chat",
            "rating her body out of 10 in the gc lol",
        ],
        Category::Harassment,
    );
    r15_clean(
        &[
            "the coach touched my shoulder to fix my stance",
            "my coach said the team's effort really touched me",
            "mum recorded me in the bath when i was a baby",
            "my sister filmed me doing a cartwheel",
            "my little sister wants to shower with me cos she's scared of the dark",
            "rate her cooking out of 10 lol",
            "mfw my mum made pancakes",
        ],
        Category::Sexual,
    );
    r15_clean(&["rate her cooking out of 10 lol"], Category::Harassment);
}

#[test]
fn round20_grooming_lift_runaway_home_or_call_alone() {
    r15_flags(
        &[
            "車で拾ってあげるから今夜出てこれる？",
            "迎え出すから家出しておいで",
            "家出したくなったらいつでもうちおいで、部屋空いてるし",
            "家出するならうちに泊まっていいよ",
            "うちの住所送るね、いつでも来てええよ",
            "家の場所ピン送るから来れる？",
            "一人になったらここにかけてきて",
            "一人の時にかけてね、番号は下に貼っとく",
        ],
        Category::Contact,
    );
    r15_flags(
        &[
            "うちの住所送るね、いつでも来てええよ",
            "家の場所ピン送るから来れる？",
        ],
        Category::PersonalInfo,
    );
    r15_clean(
        &[
            "ゴミ拾いボランティア、今夜集合",
            "父が駅まで車で迎えに来てくれた",
            "母が車で迎えに来るから今から帰るね",
            "家出したいって言ったら母が泣いた",
            "区役所の住所は駅前、窓口に直接来てもいいって",
            "ばあちゃんが一人の時に電話してねって母に頼まれた",
        ],
        Category::Contact,
    );
}

#[test]
fn round20_grooming_watched_swap_private_chat_or_coded_number() {
    r15_flags(
        &[
            "ここ見張られてるし個チャ移ろ",
            "消される前にdmきて",
            "個チャ来て、話したいことある",
            "ポケベルの数字で送るね、交換しよ",
            "電話番号は全部の数字から1引いてね",
            "my number but minus 1 from each digit, call me later",
            "call me, it's in roman numerals lol",
        ],
        Category::Contact,
    );
    r15_clean(
        &[
            "先生に見られてるから後でシール交換しよ",
            "個チャで宿題聞いてもいい？",
            "出席番号から1引いて班を決めた",
            "Chapter VII homework is on page 9, call me if stuck",
        ],
        Category::Contact,
    );
}

#[test]
fn round20_grooming_english_secret_ride_or_address() {
    r15_flags(
        &[
            "our little secret, i'll pick u up at the corner at 4",
            "dont tell your mum, just meet me behind the shops",
            "ill send a taxi to bring u over tonight",
            "heres my address, pop over when my dads at work",
            "i live at 9 birch lane, swing by later",
            "whr do u liv? cn we mt 2moro",
            "which town are u in? i drive so i could come",
            "whats ur postcode, ill pop a gift through ur door",
            "lets 6338 at the station after school",
        ],
        Category::Contact,
    );
    r15_clean(
        &[
            "our secret santa meet up is on friday",
            "dont tell mum, its a surprise party, meet at the cafe at 3",
            "mum said she'd pay for a taxi home after the concert",
            "can you send an uber to my house, mums car broke",
            "the teacher said my address is wrong on the form",
            "mt everest documentary was class",
        ],
        Category::Contact,
    );
}

#[test]
fn round20_grooming_look_alikes_stay_clean() {
    // A photo asked for to work out where someone lives is contact, not sexual.
    r15_flags(
        &["窓から見える景色の写真送ってくれたら、どこに住んでるか特定できるかも"],
        Category::Contact,
    );
    // A victim told a photo will go to the class group: sexual, not a move to another app.
    r15_flags(
        &["元カノの下着の写真、クラスLINEに流すって言われてる"],
        Category::Sexual,
    );
    r15_clean(
        &[
            "窓から見える景色の写真送ってくれたら、どこに住んでるか特定できるかも",
            "卒アル用の集合写真送ってって委員長に言われた",
            "リレーの応援交代、次は私",
            "駅まで車で迎えに行くね、何時に着く？",
        ],
        Category::Sexual,
    );
    r15_clean(
        &[
            "知らない人にどこ住みって聞かれたら無視しよう",
            "元カノの下着の写真、クラスLINEに流すって言われてる",
        ],
        Category::Contact,
    );
}

// ---------------------------------------------------------------- round 20: abuse

#[test]
fn round20_abuse_night_lecture() {
    r15_flags(
        &[
            "寝てたら起こされて朝まで正座させられた、テストの点のことで",
            "継母に毎晩2時間説教されて、寝かせてもらえない",
            "深夜に呼び出されて2時間説教、もう限界",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "毎晩2時間正座で書道の練習してる",
            "夜中に地震で叩き起こされて、そのあと眠れんかった",
            "赤ちゃんの夜泣きで寝かせてもらえない",
            "部活で1時間正座させられた、足しびれた",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_meals_few_a_week_or_no_school_lunch() {
    r15_flags(
        &[
            "晩ご飯作ってもらえるの週1くらいで、あとはカップ麺",
            "ご飯が出てくるの週に2回だけ、お腹すいた",
            "給食のない夏休みがこわい、家にご飯ないから",
            "給食ない土日は何も食べてない",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "給食でご飯出るの週3で、パンの日が週2",
            "給食ない日は弁当作るのがきつい",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_code_about_home() {
    r15_flags(
        &[
            "縦読みしてな、家でされてること",
            "ガラケー打ちで書くね 22 1 444、いつも母に",
            "おしりの文字だけ読んでね、毎日おとんに",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "ガラケー打ち懐かしい、毎日お母さんにメール打ってた",
            "縦読みで告白した、ばれた",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_parent_unreachable_for_days() {
    r15_flags(
        &[
            "弟と家に二人、3日目。ママに電話つながらない",
            "弟と二人で留守番、もう1週間。お母さんに連絡つかない",
            "父と連絡とれんまま4日目、冷蔵庫もう空",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "修学旅行3日目、お母さんに電話つながらん",
            "文化祭3日目、友達と連絡つかない",
            "留守番3日目！自由すぎる",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_shut_in_kana() {
    r15_flags(
        &[
            "物置にとじこめられた、夜まで出してもらえんかった",
            "押し入れにとじこめられるのが一番こわい",
            "おしいれにとじこめられて でられない",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "エレベーターにとじこめられた、こわかった",
            "弟とふざけて押し入れにとじこめられた、暗かったw",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_shut_out_of_meals_or_face_annoys() {
    r15_flags(
        &[
            "ご飯の時は部屋から出てくんなって言われとる",
            "晩ご飯のときは来るなって、母の彼氏が",
            "母に「お前の顔見るとイライラする」って言われた",
            "お父さんに顔見るだけでイライラするって言われた",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "テスト前はご飯の時間以外は部屋から出るなって言われてる",
            "あいつの顔見るとイライラするって母に言った",
            "元カレの顔も見たくないって母に愚痴った",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_object_thrown_injury() {
    r15_flags(
        &[
            "灰皿投げられて頭から血出た、理由はテレビの音",
            "コップが飛んできて唇切れた、ご飯が遅いってだけで",
            "酔うとコップ飛んでくる、昨日は頭から血出た",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "地震で皿が飛んできておでこ切れた",
            "回転寿司で皿飛んできた",
            "弟がふざけてリモコン投げてきた、当たったけど平気",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_locks_changed_sleeping_rough() {
    r15_flags(
        &[
            "鍵替えられてて家に入れない、ネカフェで寝てる",
            "追い出されて公園で寝とる、もう何日も",
            "親に鍵変えられて、昨日から駅で寝てる",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "鍵変えられてて入れんかった、大家さんに電話した",
            "スマホの暗証番号変えられて入れん、弟のいたずら",
            "キャンプ2日目、外で寝るの最高",
            "公園で寝てたら鍵なくした",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_injury_blamed_or_story_ordered() {
    r15_flags(
        &[
            "鼓膜破れたの父にやられたやつ",
            "鼻の骨折れたのお母さんの彼氏のせい",
            "唇切れたの、転んだって言っとけって母に",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "自転車で転んで前歯欠けた",
            "前歯欠けたの、弟とふざけてたせい",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_bruise_may_show() {
    r15_flags(
        &[
            "腕のやけどの跡、プールで見えそうでこわい",
            "背中のあざ、着替えのとき見えそうでこわい",
            "首のあざ、聞かれたらなんて言おう",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "膝のあざ、体育のハーパンで見えそうで恥ずい",
            "あざ見えないようにコンシーラー塗った、転んだやつ",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_acting_like_is_not_hitting() {
    r15_flags(&["いい子ぶってたら父に殴られた"], Category::Abuse);
    r15_clean(
        &[
            "ヤングケアラーが被害者ぶってるだけやろ、親の世話くらいで",
            "大人ぶってブラックコーヒー飲んでる、親に笑われた",
            "いい子ぶってるって兄に言われた",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_locked_in_with_sibling() {
    r15_flags(
        &[
            "he locks me and my brother in the shed all day",
            "mum locked us in our room overnight and we had to wee in a bin",
            "my stepdad locks us in our room all day when he has friends over",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "the escape room locked us in for an hour lol",
            "the teacher locked us in the classroom during the lockdown drill for hours",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_pig_latin_blows() {
    r15_flags(
        &[
            "ummay ickskay emay",
            "ymay epdadstay unchespay emay",
            "ymay ommay apsslay emay enwhay eshay's angryway",
        ],
        Category::Abuse,
    );
    r15_clean(
        &["igpay atinlay isay unfay", "ymay adday isay ooltay"],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_clothes_or_basics_withheld() {
    r15_flags(
        &[
            "same clothes for a month, mum says new clothes are wasted on me",
            "dad says shampoo is wasted on me",
            "nobody washes my clothes, same uniform for two weeks",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "wore the same clothes for two weeks at camp lol",
            "i've worn the same hoodie for weeks, it's my comfort hoodie",
            "been wearing the same uniform for two weeks cos my other one is in the wash",
            "mum says piano lessons are wasted on me lol",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_story_told_to_school() {
    r15_flags(
        &[
            "he punched me and then rang school and said i fell over",
            "dad pushed me and told the school i slipped",
            "she kicked me down the stairs and told a and e i fell",
        ],
        Category::Abuse,
    );
    r15_clean(
        &[
            "i fell off my bike and told school i fell",
            "i slipped in the shower and told the nurse i fell",
            "my dad told school i was ill so we could go to disneyland",
        ],
        Category::Abuse,
    );
}

#[test]
fn round20_abuse_authority_touch_is_sexual_not_home() {
    let outside = [
        "my tutor keeps touching my thigh when we're alone",
        "my piano teacher puts his hand on my leg and says it's our secret",
        "the swim coach keeps touching me in the changing rooms",
    ];
    r15_flags(&outside, Category::Sexual);
    r15_clean(&outside, Category::Abuse);
    r15_flags(
        &["my stepdad touches me at night and my teacher doesn't know"],
        Category::Abuse,
    );
    r15_clean(
        &[
            "my coach touched me on the shoulder after the match",
            "my coach keeps touching base with me about the match",
            "what my teacher said at assembly really touched me",
        ],
        Category::Sexual,
    );
}

// ---------------------------------------------------------------- round 20: selfharm

#[test]
fn round20_selfharm_end_before_age_and_gone_as_wished() {
    r15_flags(
        &[
            "20歳になる前に死ぬって決めてる",
            "大人になる前に終わらせるつもり",
            "16になる前に終わりにするって決めた",
            "もうこの世からログアウトします",
            "言われた通り消えてあげる",
            "望みどおり死んであげるよ",
            "今夜いなくなってあげるから安心して",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "夏休みになる前に宿題終わらせるって決めた",
            "20歳になる前に免許とるつもり",
            "この世から戦争がなくなりますように",
            "お邪魔虫は今日は消えてあげる〜デート楽しんで",
            "言われた通りにしたらシミが消えて感動",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round20_selfharm_farewells_that_wish_others_life() {
    r15_flags(
        &[
            "さよなら、私の分まで生きてね",
            "いままでありがとう。あなたは長生きしてね",
            "私がいなくなっても、この子のこと大事にしてね",
            "ﾊﾞｲﾊﾞｲ ﾐﾝﾅ ｱｼﾀ ｷｴﾙ",
            "さよなら、今夜いなくなるね",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "敬老の日、じいちゃんに今までありがとう、これからも長生きしてねって手紙書いた",
            "今までありがとう！ばあちゃん長生きしてね",
            "バイバイ、明日消えるストーリーだから見てね",
            "私が死んでも推しは永遠",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round20_selfharm_head_burns_and_own_body() {
    r15_flags(
        &[
            "床に頭打ち付けないと眠れん",
            "頭を壁にがんがん打ちつけてしまう",
            "ライターで腕あぶってる、誰にも言ってない",
            "タバコの火を自分の腕に押し付けた",
            "ヘアアイロンで太もも焼いてる",
            "自分の腕をつねりすぎてあざだらけ",
            "自分で自分の顔殴った",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "ドアに頭ぶつけた、いたい",
            "机に頭ぶつけて寝落ちしてた",
            "ライターで花火に火つけた",
            "スイカ割りで棒で叩いたら自分の足叩いた笑",
            "壁を殴った自分の手が痛い",
            "父に頭を壁に打ちつけられた",
            "兄にタバコを太ももに押し付けられた",
            "アイロンでハンカチの折り目つけた",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round20_selfharm_still_alive_breathing_and_blood() {
    r15_flags(
        &[
            "なんでまだ生きてるんだろ私",
            "なんでまだ息してんだろ、しんどい",
            "呼吸してるのもしんどい",
            "血が流れるの見ると楽になれる",
            "血がにじむと安心できる",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "このサボテンなんでまだ生きてんだろ、水あげてないのに",
            "鼻詰まって息してるのがしんどい",
            "献血で血を見ると安心する",
            "マラソンの後、息するのもしんどかった",
            "じいちゃん100歳でまだ生きてるの本当にすごい",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round20_selfharm_heights_sea_and_a_day_set() {
    r15_flags(
        &[
            "ﾏﾝｼｮﾝﾉ ﾍﾞﾗﾝﾀﾞｶﾗ ｺﾝﾔ ﾄﾌﾞ",
            "屋上から飛ぶ、もう決めたから",
            "人目につかない高いところ探してる",
            "海の近くの崖、下見してきた",
            "どの橋が一番高いか調べてる",
            "夜の海に入ったらもう戻ってこれないよね",
            "明日の夜決行する、家に誰もいないから",
            "決行日は日曜の朝にした",
            "日曜の朝にする、それまでは普通にしとく",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "屋上から飛ぶ紙飛行機きれいやった",
            "明日飛ぶ便、窓側の席とれた",
            "ベランダから花火見える！今夜楽しみ",
            "文化祭は雨天決行らしい",
            "ドッキリは金曜の夜に決行する",
            "冬の海は入ったらすぐ動けなくなるから危ないよ",
            "修学旅行の下見で展望台行った",
            "日本で一番高い橋ってどこ？",
            "人が来ない屋上でお弁当食べるのが好き",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round20_selfharm_pills_waking_and_ligature() {
    r15_flags(
        &[
            "あるだけの睡眠薬飲んだ",
            "二度と目覚めない方法調べてる",
            "朝起きなくて済む方法ないかな",
            "首に紐の跡残ってて、ハイネックで隠してる",
            "首にロープの跡ついてて、タートルネックで隠してる",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "あるだけの食材でカレー作った",
            "ありったけの勇気出して告白した",
            "早起きしなくて済む方法ある？",
            "ベルトの跡がお腹についた、食べすぎた",
            "鞄の紐が途中で切れただけ、中身は無事",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round20_selfharm_kana_anagram_masked_and_words_with_risuka() {
    r15_flags(
        &[
            "ｸﾋﾞﾂﾙ ﾛｰﾌﾟ ｶｯﾀ",
            "ｵﾜﾘﾆｼﾀｲ",
            "ｲｷﾙﾉ ﾂｶﾚﾀ",
            "ｼﾝﾃﾞｼﾏｲﾀｲ",
            "「にしいた」←並べ替えてみて",
            "明日ぬ、もう無理",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "単語を並べ替えて文を作る問題むずい",
            "今日ぬいぐるみ買った、もう無理かわいい",
            "ポリスカーのおもちゃ買った",
            "リスかわいすぎる、動物園行きたい",
            "イギリスカレー食べてみたい",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round20_selfharm_english_heights_burns_and_giving_away() {
    r15_flags(
        &[
            "there's a bridge near school with low railings, i went to look at it today",
            "my family would be so much lighter without me",
            "they'd have it easier if i was gone",
            "i burn my arm with a lighter when i'm stressed",
            "i've been burning my wrists with a hot spoon",
            "i put my cigarette out on my arm",
            "gave away my games and rehomed my rabbit, i feel strangely at peace",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "the bridge in the park has no railings, someone should tell the council",
            "my bag would be lighter without me carrying all these books lol",
            "burnt my arm on the oven tray again, ouch",
            "lit the candles with a lighter and burnt my thumb",
            "my dad put his cigarette out on my arm",
            "burnt myself with the iron on my school shirt, so annoying",
        ],
        Category::SelfHarm,
    );
}

#[test]
fn round20_selfharm_english_not_around_letters_and_never_enough() {
    r15_flags(
        &[
            "won't be around for christmas so don't bother buying me anything",
            "not gonna be around by summer so it doesn't matter",
            "won't be alive to see my 16th anyway",
            "left notes for my mum and sister, tonight is the night",
            "cutting deeper every time and it's never enough",
            "i keep hitting my head against the wall until it goes quiet",
            "tried with a belt last night, it snapped",
            "marks on my neck from the belt, wearing a scarf to hide them",
            "tonight myself kill to want i",
        ],
        Category::SelfHarm,
    );
    r15_clean(
        &[
            "won't be around for the first day back, we're on holiday, don't save me a seat",
            "won't be around for practice on saturday so don't wait for me",
            "wrote a letter for my crush, tonight's the night i give it to her",
            "pressing harder on the pencil every time and it's still not dark enough",
            "i won't be around for christmas anyway, we're spending it at my nans",
            "to defend myself, kill the zombie first",
            "marks on my neck from the cord of my headphones, slept on them",
        ],
        Category::SelfHarm,
    );
}
