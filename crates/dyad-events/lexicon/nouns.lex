# dyad lexicon: event nouns. They code when they are the object of a support verb
# (@light: "held talks with", "made a visit to"), when a `frame` noun is the setting of a
# clause ("during a meeting with X, Y said…"), or with their own agent ("Assad's visit to Iran").

meeting N 040 target=with sym frame
meet N 040 target=with sym frame
talk N 040 target=with sym frame
talks N 040 target=with sym frame
discussion N 040 target=with sym frame
consultation N 040 target=with sym frame
conversation N 040 target=with sym frame
summit N 040 target=with sym frame
session N 040 target=with sym frame
negotiation N 046 target=with sym frame
negotiations N 046 target=with sym frame
call N 041 if=compound:phone|telephone target=with sym frame
phone_call N 041 target=with sym frame
visit N 042 target=to frame
trip N 042 target=to frame
tour N 042 target=of,to frame
mediation N 045 target=between

appreciation N 051 target=to,for
gratitude N 051 target=to
thanks N 051 target=to
praise N 051 target=for,to
tribute N 051 target=to
congratulations N 051 target=to
condolence N 018 target=to
condolences N 018 target=to
sympathy N 018 target=with,to
support N 051 if=amod:political|diplomatic|full|strong|unwavering|continued|continuing|firm target=for,to
apology N 055 target=to
agreement N 057 if=cop target=with
invitation N 036 target=to

demand N 10 comp target=on,for,from
call N 02 comp if=prep:for|on target=on,for

criticism N 111 target=of,against,on
condemnation N 111 target=of
protest N 114 if=amod:official|formal|strong target=to,against,over
complaint N 114 target=against,to
accusation N 112 target=against
accusations N 112 target=against
rejection N 120 target=of
ultimatum N 139 target=to
threat N 130 target=to,against
threats N 130 target=to,against
warning N 130 target=to

sanction N 163 target=on,against
sanctions N 163 target=on,against
embargo N 163 target=on,against
blockade N 191 target=on,of
attack N 190 target=on,against
attacks N 190 target=on,against
airstrike N 195 target=on,against
airstrikes N 195 target=on,against
strike N 190 if=amod:military|air|missile|drone target=on,against
raid N 190 target=on,against
offensive N 190 target=on,against
assault N 190 target=on,against
operation N 190 if=amod:military target=against,in
bombardment N 194 target=of,on
shelling N 194 target=of,on
invasion N 192 target=of
occupation N 192 target=of

# Grown from measured misses on real news (`dyad eval events`, ConfliBERT's sentences).
ceasefire N 0871 solo target=with
cease-fire N 0871 solo target=with
truce N 0871 solo target=with
release N 0841 target=of
investigation N 090 solo target=into,against
probe N 090 solo target=into
lawsuit N 115 target=against
action N 115 if=amod:legal target=against
