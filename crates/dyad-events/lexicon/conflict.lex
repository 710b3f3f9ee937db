# dyad lexicon: conflictual predicates, CAMEO roots 09-20.

# 09 investigate
investigate V 090 target=obj
probe V 090 target=obj
examine V 090 if=obj:case|allegation|allegations|crime|crimes target=obj

# 10 demand (complement picks 10x)
# CAMEO keeps "demands and orders" (10) apart from appeals (02): "call on/for" and
# "urge" are appeals (as in the CAMEO manual and PETRARCH's dictionary), "demand",
# "insist" and "order" demands. See cooperation.lex for the 02 entries.
demand V 10 comp target=comp-subj,from,of,obj
press V 10 comp if=xcomp:* target=obj
insist V 10 comp if=ccomp:* target=comp-subj
order V 10 comp if=xcomp:* target=obj
require V 10 comp if=xcomp:* target=obj
summon V 100 target=obj
# "stressed the need for the US to withdraw": a demand made by naming what must happen
stress V 10 comp if=obj:need|necessity target=comp-subj
emphasize V 10 comp if=obj:need|necessity target=comp-subj
emphasise V 10 comp if=obj:need|necessity target=comp-subj
underline V 10 comp if=obj:need|necessity target=comp-subj
underscore V 10 comp if=obj:need|necessity target=comp-subj
reiterate V 10 comp if=obj:need|necessity target=comp-subj
affirm V 10 comp if=obj:need|necessity target=comp-subj
warn V 130 target=obj,iobj

# 11 disapprove
criticize V 111 target=obj
criticise V 111 target=obj
condemn V 111 target=obj
denounce V 111 target=obj
censure V 111 target=obj
slam V 111 target=obj
blast V 111 if=obj:* target=obj
decry V 111 target=obj
deplore V 111 target=obj
castigate V 111 target=obj
rebuke V 111 target=obj
chastise V 111 target=obj
lambast V 111 target=obj
disapprove V 110 target=of
object V 110 target=to
oppose V 110 target=obj
protest V 110 if=obj:* target=obj
accuse V 112 target=obj
blame V 112 target=obj,for
charge V 112 if=prep:with target=obj
allege V 112 target=obj
complain V 114 target=about,to,of
sue V 115 target=obj
convict V 116 target=obj
sentence V 116 target=obj

# 12 reject
reject V 120 target=obj,agent
refuse V 120 target=obj
rebuff V 120 target=obj
dismiss V 120 if=obj:claim|claims|allegation|allegations|offer|proposal|demand|demands|call|calls target=agent,obj
decline V 120 if=obj:offer|invitation|request|proposal target=agent,obj
spurn V 120 target=obj
veto V 129 target=obj
defy V 128 target=obj
violate V 128 target=obj
breach V 128 target=obj
ignore V 128 if=obj:resolution|law|demand|demands|call|calls|warning target=obj,agent

# 13 threaten
threaten V 130 target=obj
threaten V 138 if=xcomp:attack|strike|invade|bomb|retaliate|respond|hit target=obj,comp-obj
threaten V 1312 if=xcomp:sanction|boycott target=obj,comp-obj
menace V 130 target=obj
vow V 138 if=xcomp:retaliate|avenge|respond|confront|strike|attack|crush|destroy target=comp-obj,obj
warn V 138 if=prep:of if=nmod:retaliation|attack|response|war target=obj
intimidate V 130 target=obj

# 14 protest
# "demonstrate that…" (show) is not a protest: only the intransitive sense with a place or a cause.
demonstrate V 141 if=prep:against|in|outside|near|at|for solo target=against
rally V 141 if=prep:against solo target=against
march V 141 solo target=against
strike V 143 if=prep:for|against solo target=against
boycott V 143 target=obj solo
blockade V 191 target=obj
riot V 145 solo target=against

# 15 exhibit force posture
mobilize V 154 solo
mobilise V 154 solo
deploy V 154 solo target=to,in,against
mass V 154 if=obj:troops|forces|tanks target=near,on,along
patrol V 150 solo
reinforce V 154 solo

# 16 reduce relations
sever V 161 if=obj:tie|ties|relations target=with
cut V 161 if=obj:tie|ties|relations target=with
cut V 162 if=obj:aid|funding|assistance target=to,for
suspend V 162 if=obj:aid|funding|assistance target=to,for
suspend V 164 if=obj:talks|negotiations target=with
suspend V 160 if=obj:relations|ties|cooperation target=with
sanction V 163 target=obj
embargo V 163 target=obj
boycott V 163 if=obj:product|products|goods|election target=obj
expel V 166 if=obj:diplomat|diplomats|ambassador|envoy|inspectors|observers|peacekeepers target=agent,obj
recall V 161 if=obj:ambassador|envoy target=from
downgrade V 161 if=obj:relations|ties target=with
freeze V 160 if=obj:relations|ties|cooperation target=with

# 17 coerce
seize V 171 target=obj
confiscate V 1711 target=obj
demolish V 1712 target=obj
destroy V 1712 target=obj
raze V 1712 target=obj
arrest V 173 target=obj
detain V 173 target=obj
jail V 173 target=obj
imprison V 173 target=obj
charge V 173 target=obj
indict V 173 target=obj
prosecute V 173 target=obj
deport V 174 target=obj
expel V 174 target=obj
ban V 172 target=obj
crack_down V 175 target=on
repress V 175 target=obj
suppress V 175 target=obj
occupy V 192 target=obj
annex V 192 target=obj
besiege V 191 target=obj

# 18 assault
kidnap V 181 target=obj
abduct V 181 target=obj
hijack V 181 target=obj
beat V 182 target=obj
torture V 1822 target=obj
stab V 1823 target=obj
execute V 1823 target=obj
behead V 1823 target=obj
assassinate V 186 target=obj
bomb V 183 target=obj
kill V 190 target=obj
murder V 1823 target=obj
massacre V 202 target=obj
wound V 190 target=obj
injure V 190 target=obj

# 19 fight
attack V 190 target=obj
strike V 190 if=obj:* target=obj
hit V 190 target=obj
target V 190 target=obj
raid V 190 target=obj
assault V 190 target=obj
storm V 190 target=obj
invade V 192 target=obj
fight V 190 target=obj,against,with
clash V 190 target=with sym
battle V 190 target=obj,with
ambush V 190 target=obj
shoot V 193 target=obj,at
shell V 194 target=obj
bombard V 194 target=obj
pound V 194 target=obj
airstrike V 195 target=obj
bomb V 195 if=nsubj:jet|jets|aircraft|warplane|warplanes|plane|planes|drone|drones target=obj
fire V 194 if=obj:rocket|rockets|missile|missiles|shell|shells|mortar|mortars target=at,on,into
launch V 195 if=obj:airstrike|airstrikes|strike|strikes|raid|raids target=on,against,in
launch V 190 if=obj:attack|attacks|offensive|assault|operation target=on,against
violate V 196 if=obj:ceasefire|truce target=obj
confront V 190 target=obj
retaliate V 190 target=against
liberate V 190 solo target=from

# 20 unconventional mass violence
gas V 2041 target=obj
exterminate V 202 target=obj
cleanse V 203 target=obj

# more 09-20
accuse V 1123 if=prep:of if=nmod:aggression|attack|attacks|invasion|occupation target=obj
accuse V 1121 if=prep:of if=nmod:corruption|fraud|crime|crimes|bribery target=obj
accuse V 1124 if=prep:of if=nmod:war_crime|massacre|genocide target=obj
accuse V 1125 if=prep:of if=nmod:espionage|spying|treason target=obj
warn V 130 if=ccomp:* target=obj,iobj
warn V 138 if=prep:against if=nmod:attack|aggression|strike|invasion target=obj
threaten V 1313 if=xcomp:sever|cut|downgrade target=obj,comp-obj
threaten V 1382 if=xcomp:occupy|annex|seize target=obj,comp-obj
issue V 139 if=obj:ultimatum target=to
refuse V 125 if=xcomp:meet|negotiate|talk target=obj
refuse V 1243 if=xcomp:release|free|return target=obj
reject V 125 if=obj:talks|negotiations|dialogue|invitation|offer target=agent,obj
reject V 127 if=obj:plan|agreement|deal|proposal|initiative target=agent,obj
boycott V 164 if=obj:talks|negotiations|meeting|summit target=agent,obj
withdraw V 161 if=obj:ambassador|envoy|diplomats target=from
close V 161 if=obj:embassy|consulate target=in
close V 172 if=obj:border|borders|crossing|airspace target=to
halt V 164 if=obj:talks|negotiations target=with
halt V 162 if=obj:aid|assistance|funding target=to,for
freeze V 163 if=obj:asset|assets|funds target=agent,obj
impose V 163 if=obj:sanction|sanctions|embargo|tariff|tariffs target=on,against
impose V 191 if=obj:blockade|siege target=on
impose V 1723 if=obj:curfew target=on,in
detain V 173 if=obj:* target=obj
kidnap V 181 if=obj:* target=obj
shoot_down V 195 target=obj
blow_up V 183 target=obj
carry_out V 190 if=obj:attack|attacks|strike|strikes|raid|raids|operation target=against,on
carry_out V 1831 if=obj:bombing|bombings target=against,on,in
conduct V 195 if=obj:airstrike|airstrikes target=on,against,in
conduct V 190 if=obj:raid|raids|operation|operations target=against,on,in
storm V 1712 if=obj:embassy|building|headquarters target=agent,obj
loot V 171 target=obj
burn V 1712 target=obj
overthrow V 1041 target=obj
topple V 1041 target=obj
mobilize V 154 if=obj:troops|forces|reserves solo target=against
deploy V 152 if=obj:missiles|warships|carrier|bombers solo target=to,near,against
test-fire V 150 solo
fire V 190 target=at,on,upon,obj
launch V 194 if=obj:rocket|rockets|missile|missiles|mortar|mortars|shells target=at,on,against,into
protest V 140 solo target=against
conduct V 150 if=obj:exercise|exercises|drill|drills|maneuvers|manoeuvres solo
present V 112 if=obj:evidence|proof|documents target=against
want V 138 if=xcomp:attack|strike|invade|bomb|hit|occupy|destroy target=comp-obj,obj
plan V 138 if=xcomp:attack|strike|invade|bomb|hit|occupy|destroy target=comp-obj,obj
intend V 138 if=xcomp:attack|strike|invade|bomb|hit|occupy|destroy target=comp-obj,obj
prepare V 138 if=xcomp:attack|strike|invade|bomb|hit|occupy|destroy target=comp-obj,obj

# Grown from measured misses on real news (`dyad eval events`, ConfliBERT's sentences).
open V 190 if=obj:fire solo target=on,at
outlaw V 172 target=obj
pressure V 10 comp target=obj
pressure V 100 target=obj
torch V 1712 target=obj
behead V 1823 target=obj
abduct V 181 if=obj:* target=obj
# Refusing to act is CAMEO 12x, and the refused act (the complement) is not coded as done.
refuse V 1244 if=xcomp:lift|ease solo target=obj,comp-obj,on
refuse V 1246 if=xcomp:withdraw|leave|retreat|de-escalate solo target=obj,from
refuse V 1245 if=xcomp:allow|admit|permit solo target=obj,comp-obj
refuse V 120 if=xcomp:* solo target=obj,comp-obj
threaten V 130 if=xcomp:* solo target=obj,comp-obj
