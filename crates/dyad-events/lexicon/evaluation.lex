# dyad lexicon: evaluations. When a speaker describes an actor with one of these words —
# as a copular predicate ("Israel is the root cause of instability"), or as the head of a
# phrase the actor governs ("aggression by the Zionist regime", "the US' illegal presence")
# — the speaker disapproves of (11x) or praises (051) that actor. Source is the speaker
# (or the subject of the clause that names the evaluation); target the evaluated actor.

cause N 112 if=nmod:instability|insecurity|terrorism|tension|tensions|crisis|violence|chaos|war|conflict eval
source N 112 if=nmod:instability|insecurity|terrorism|tension|tensions|crisis|violence|chaos eval
aggression N 1123 eval
aggressions N 1123 eval
aggressor N 1123 eval
occupier N 1123 eval
occupiers N 1123 eval
crime N 1124 if=nmod:war eval
crimes N 1124 eval
atrocity N 1124 eval
atrocities N 1124 eval
massacre N 1124 if=cop eval
terrorist N 112 if=cop eval
conspiracy N 112 eval
conspiracies N 112 eval
plot N 112 if=amod:american|zionist|western|foreign|enemy|hostile|evil eval
interference N 111 eval
meddling N 111 eval
violation N 111 if=cop eval
hypocrisy N 111 eval
threat N 112 if=cop eval
incursion N 1123 eval
evil A 111 eval
illegal A 111 eval
illegitimate A 111 eval
aggressive A 111 eval
hostile A 111 eval
criminal A 112 eval
terrorist A 112 if=cop eval
brutal A 111 eval
ally N 051 if=cop if=amod:close|strategic|reliable|true|strong eval
allies N 051 if=cop if=amod:close|strategic|reliable|true|strong eval
friend N 051 if=cop eval

# A speaker who says an actor created, armed or funds an armed group accuses that actor
# (112): "X said Daesh was created by the US", "he said the West armed the terrorists".
# `if=patient:` names the kinds of actor the deed is done to (code prefix or sector).
create V 112 if=patient:img|reb|ins target=agent,nsubj eval
make V 112 if=patient:img|reb|ins target=agent,nsubj eval
found V 112 if=patient:img|reb|ins target=agent,nsubj eval
establish V 112 if=patient:img|reb|ins target=agent,nsubj eval
form V 112 if=patient:img|reb|ins target=agent,nsubj eval
arm V 112 if=patient:img|reb|ins target=agent,nsubj eval
fund V 112 if=patient:img|reb|ins target=agent,nsubj eval
finance V 112 if=patient:img|reb|ins target=agent,nsubj eval
sponsor V 112 if=patient:img|reb|ins target=agent,nsubj eval
train V 112 if=patient:img|reb|ins target=agent,nsubj eval
equip V 112 if=patient:img|reb|ins target=agent,nsubj eval
