# dyad lexicon: directives (see README.md).

@light hold have make pay conduct carry_out carry express voice extend offer convey
@light launch stage impose level lodge file issue deliver give register announce sign
@light reach conclude hold_out undertake mount open resume begin start continue
@light renew reiterate reaffirm host declare

@speech say tell add state note stress emphasize emphasise affirm assert declare announce
@speech claim insist underline underscore point_out point highlight reiterate remark
@speech explain maintain argue believe warn write tweet comment respond reply confirm
@speech mention observe suggest report indicate acknowledge admit contend

@aspect continue keep begin start resume go_on

# complements of demands, appeals and calls: CAMEO 10x / 02x sub-codes
@comp withdraw:56 leave:56 pull_out:56 retreat:56 ceasefire:56 de-escalate:56 withdrawal:56 exit:56
@comp release:53 free:53 return:53 hand_over:53 extradite:53
@comp lift:54 ease:54 end_sanction:54
@comp stop:5 end:5 halt:5 cease:5 abandon:5 yield:5 surrender:5 refrain:5 quit:5
@comp negotiate:6 talk:6 meet:6 dialogue:6 negotiation:6 talks:6
@comp settle:7 resolve:7 reconcile:7
@comp mediate:8 mediation:8
@comp resign:41 step_down:41 reform:4 respect:42 change:42 reconsider:42 review:42 comply:42 abide:42
@comp cooperate:1 support:2 help:3 assist:3 aid:3 protect:34
@comp investigate:42 allow:55 admit:55
