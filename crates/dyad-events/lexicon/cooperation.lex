# dyad lexicon: cooperative predicates, CAMEO roots 01-08.

# 01 public statement (only the distinct comments; plain "said" is not coded)
decline V 011 if=xcomp:comment
deny V 016 if=obj:responsibility|involvement|role|report|claim|allegation|charge|accusation solo
deny V 016 if=ccomp:* solo
acknowledge V 015 if=obj:responsibility|role solo
claim V 015 if=obj:responsibility solo
sympathize V 018 target=with
console V 018
condole V 018 target=with
mourn V 018 solo
commemorate V 017 solo

# 02 appeal (verbs of asking; complement picks the sub-code)
appeal V 02 comp target=to
call V 02 comp if=prep:on|upon target=on,upon
call V 02 comp if=prep:for target=for
urge V 02 comp target=obj
ask V 02 comp target=obj
plead V 02 comp target=with
request V 02 comp target=obj
seek V 020 if=obj:help|assistance|support|aid|cooperation
invite V 036 target=obj
encourage V 02 comp target=obj

# 03 express intent to cooperate
pledge V 030 target=to
promise V 030 target=iobj,to,obj
vow V 030 target=to
offer V 030 target=iobj,to
propose V 030 target=to
agree V 030 target=with
agree V 036 if=xcomp:meet|negotiate|talk|hold
agree V 057 if=prep:on|upon target=with
agree V 0312 if=xcomp:cooperate if=nmod:military|security
commit V 030 target=to
intend V 030 if=xcomp:cooperate|help|support|strengthen
plan V 036 if=xcomp:meet|visit|negotiate
volunteer V 030 target=to
welcome V 051 target=obj

# 04 consult
meet V 040 target=obj,with sym
talk V 040 target=with sym
consult V 040 target=obj,with sym
confer V 040 target=with sym
discuss V 040 target=with sym
negotiate V 046 target=with sym
phone V 041 target=obj sym
call V 041 if=obj:counterpart|president|minister|leader|premier sym
telephone V 041 target=obj sym
host V 043 target=obj
receive V 043 target=obj
welcome V 043 if=obl:visit|arrival target=obj
visit V 042 target=obj
tour V 042 target=obj
travel V 042 target=to
arrive V 042 target=in,at
fly V 042 target=to
mediate V 045 target=between
broker V 045 target=between
gather V 040 solo target=with sym
convene V 040 target=with sym
engage V 040 if=prep:with target=with sym

# 05 diplomatic cooperation
praise V 051 target=obj
commend V 051 target=obj
hail V 051 target=obj
laud V 051 target=obj
applaud V 051 target=obj
thank V 051 target=obj
congratulate V 051 target=obj
endorse V 051 target=obj
appreciate V 051 target=obj
salute V 051 target=obj
honor V 051 target=obj
honour V 051 target=obj
admire V 051 target=obj
support V 051 target=obj
back V 051 target=obj
defend V 052 target=obj
rally V 053 target=behind,for
recognize V 054 if=obj:independence|sovereignty|state|government target=obj
recognise V 054 if=obj:independence|sovereignty|state|government target=obj
apologize V 055 target=to
apologise V 055 target=to
forgive V 056 target=obj
pardon V 056 target=obj
sign V 057 if=obj:agreement|deal|accord|treaty|memorandum|pact|protocol|deals|agreements|document|documents|mou|contract|declaration|convention target=with sym
ink V 057 if=obj:agreement|deal|accord|treaty|pact target=with sym
conclude V 057 if=obj:agreement|deal|accord|treaty|pact target=with sym
ratify V 057 target=with
stand V 050 if=prep:by|with target=by,with
side V 050 target=with
ally V 050 target=with

# 06 material cooperation
cooperate V 060 target=with sym
collaborate V 060 target=with sym
coordinate V 060 target=with sym
trade V 061 target=with sym
invest V 061 target=in
train V 062 target=obj
share V 064 if=obj:intelligence|information|data target=with
extradite V 063 target=to

# 07 aid
aid V 070 target=obj
assist V 070 target=obj
help V 070 target=obj
supply V 070 target=obj,iobj,to
donate V 071 target=to
fund V 071 target=obj
finance V 071 target=obj
provide V 070 target=to,for
provide V 072 if=obj:weapon|weapons|arms|ammunition|equipment|missiles|training target=to,for,with
provide V 073 if=obj:aid|relief|food|medicine|assistance|supplies target=to,for,with
arm V 072 target=obj
send V 073 if=obj:aid|relief|food|medicine|supplies|convoy target=to
send V 072 if=obj:weapons|arms|troops|forces|advisers|ammunition target=to
deliver V 073 if=obj:aid|relief|food|medicine|supplies target=to
protect V 074 target=obj
grant V 075 if=obj:asylum target=iobj,obj,to
shelter V 075 target=obj

# 08 yield
withdraw V 0874 solo target=from
retreat V 0874 solo target=from
surrender V 0874 target=to solo
release V 0841 target=obj
free V 0841 target=obj
return V 0842 if=obj:property|land|territory|body|bodies target=to
lift V 085 if=obj:sanction|sanctions|embargo|blockade|boycott solo target=on,against,of
ease V 085 if=obj:sanction|sanctions|embargo|restrictions target=on,against
concede V 080 target=to
yield V 080 target=to
resign V 0831 solo
demobilize V 0873 solo
disarm V 0873 solo
allow V 086 if=obj:inspector|inspectors|monitors|observers|aid|access target=obj

# more 01-08 (grown from common wire-report phrasing)
regret V 018 if=obj:loss|death|deaths|incident solo
express V 018 if=obj:condolence|condolences|sympathy target=to,with
express V 051 if=obj:appreciation|gratitude|thanks|support target=to,for
voice V 051 if=obj:support|appreciation|gratitude target=for,to
extend V 051 if=obj:congratulations|thanks|gratitude target=to
extend V 018 if=obj:condolences|sympathy target=to
reaffirm V 051 if=obj:support|commitment|solidarity target=for,to,with
reiterate V 051 if=obj:support|solidarity target=for,to,with
announce V 030 if=obj:plan|plans|intention|readiness target=to,with
declare V 030 if=obj:readiness|willingness target=to,for
welcome V 051 if=obj:decision|move|initiative|agreement|proposal|efforts target=agent
hold V 040 if=obj:talks|meeting|meetings|consultations|discussions|negotiations target=with sym
host V 043 if=obj:talks|meeting|summit|conference target=obj,with
accompany V 042 target=obj
escort V 074 target=obj
evacuate V 073 target=obj
rescue V 073 target=obj
reopen V 054 if=obj:embassy|consulate target=in
restore V 054 if=obj:relations|ties target=with
normalize V 054 if=obj:relations|ties target=with
normalise V 054 if=obj:relations|ties target=with
establish V 054 if=obj:relations|ties target=with
appoint V 054 if=obj:ambassador|envoy target=to
reconcile V 037 target=with sym
mend V 037 if=obj:ties|relations target=with
settle V 037 if=obj:dispute|differences target=with
ceasefire V 0871 solo
truce V 0871 solo
lift V 081 if=obj:curfew|restriction|restrictions|ban|emergency solo target=on,of
pardon V 0841 if=obj:prisoner|prisoners|detainees target=obj
swap V 0841 if=obj:prisoner|prisoners target=with sym
exchange V 0841 if=obj:prisoner|prisoners|detainees target=with sym
exchange V 040 if=obj:views|viewpoints|ideas|letters|messages target=with sym
convey V 040 if=obj:message|messages|greetings|letter target=to
deliver V 040 if=obj:message|letter target=to
brief V 040 target=obj
inform V 040 target=obj
receive V 040 if=obj:call|phone_call|message|letter target=from
receive V 072 if=obj:weapon|weapons|arms|ammunition|missiles|equipment target=from inverse
receive V 073 if=obj:aid|relief|food|medicine|supplies|assistance target=from inverse
receive V 071 if=obj:loan|loans|grant|funds|funding|investment target=from inverse
express V 013 if=obj:hope|optimism|confidence|satisfaction solo target=in,about
express V 018 if=obj:sorrow|grief|regret|sadness solo target=for,over,to
receive V 030 if=obj:assurance|assurances|pledge|pledges|promise|promises|guarantee|guarantees target=from inverse
want V 033 if=xcomp:help|aid|assist|supply target=comp-obj,obj
plan V 033 if=xcomp:help|aid|assist|supply target=comp-obj,obj
intend V 033 if=xcomp:help|aid|assist|supply target=comp-obj,obj
promise V 033 if=xcomp:help|aid|assist|supply target=comp-obj,obj
pledge V 033 if=xcomp:help|aid|assist|supply target=comp-obj,obj
offer V 033 if=xcomp:help|aid|assist|supply target=comp-obj,obj
want V 036 if=xcomp:meet|visit|negotiate|talk target=comp-obj,obj,with
offer V 036 if=xcomp:meet|mediate|negotiate|host target=comp-obj,obj,with
promise V 0354 if=xcomp:lift|ease target=on
accept V 038 if=obj:mediation target=agent
accept V 036 if=obj:invitation target=agent
accept V 030 if=obj:offer|proposal|plan|initiative target=agent
approve V 051 if=obj:plan|proposal|deal|agreement|initiative target=agent
greet V 040 target=obj sym
embrace V 051 target=obj
express V 012 if=obj:concern|alarm|dismay|worry|anger|outrage solo target=over,about,at,with
warn V 012 if=prep:of if=nmod:consequence|consequences|catastrophe|danger|dangers|risk solo target=obj

# Grown from measured misses on real news (`dyad eval events`, ConfliBERT's sentences).
return V 0842 if=obj:* target=to,iobj
hand_over V 0842 target=to,iobj
ease V 085 if=obj:sanction|sanctions|embargo|boycott solo target=on,against
ease V 081 if=obj:restriction|restrictions|curfew|ban solo target=on
contribute V 071 if=obj:* target=to
give V 073 if=obj:aid|relief|food|medicine|assistance|supplies|shelter target=iobj,to
give V 071 if=obj:money|funds|loan|grant|million|billion target=iobj,to
share V 062 if=obj:intelligence|information|data target=with
establish V 054 if=obj:relations|ties target=with
restore V 054 if=obj:relations|ties target=with
normalize V 054 if=obj:relations|ties target=with
pardon V 0841 target=obj
provide V 070 if=obj:* target=to,for
agree V 03 comp if=xcomp:* solo target=with,comp-obj,comp-subj
deploy V 074 if=obj:peacekeeper|peacekeepers|observer|observers|monitors|team|teams|experts|personnel|doctors|workers solo target=to,in
strike V 057 if=obj:deal|agreement|accord|bargain|pact target=with
