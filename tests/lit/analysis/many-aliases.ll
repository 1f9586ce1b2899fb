; An alloca reached through more aliases (here 100 GEPs) than the alias walk's
; first table holds: the table grows instead of filling up, where every
; probe for a new alias then looped forever (a gen2.py program at -O3 hung
; clang with the plugin in both modes). The report must come back, and the
; array lives across the suspend.
;
; RUN: timeout 120 %coropack report --mode pack %s --input presplit --format text | FileCheck %s
; RUN: timeout 120 %coropack report %s --input presplit --mode lower --format text | FileCheck %s
; RUN: timeout 120 env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output
; CHECK-LABEL: coroutine many_aliases() {
; CHECK: %a [800 x i8] alloca live: all
; CHECK: size: 824 (stock: 824,

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z12many_aliasesv() presplitcoroutine {
entry:
  %a = alloca [800 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z12many_aliasesv, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  call void @llvm.lifetime.start.p0(ptr %a)
  %p0 = getelementptr inbounds i8, ptr %a, i64 0
  store i64 0, ptr %p0, align 8
  %p1 = getelementptr inbounds i8, ptr %a, i64 8
  store i64 1, ptr %p1, align 8
  %p2 = getelementptr inbounds i8, ptr %a, i64 16
  store i64 2, ptr %p2, align 8
  %p3 = getelementptr inbounds i8, ptr %a, i64 24
  store i64 3, ptr %p3, align 8
  %p4 = getelementptr inbounds i8, ptr %a, i64 32
  store i64 4, ptr %p4, align 8
  %p5 = getelementptr inbounds i8, ptr %a, i64 40
  store i64 5, ptr %p5, align 8
  %p6 = getelementptr inbounds i8, ptr %a, i64 48
  store i64 6, ptr %p6, align 8
  %p7 = getelementptr inbounds i8, ptr %a, i64 56
  store i64 7, ptr %p7, align 8
  %p8 = getelementptr inbounds i8, ptr %a, i64 64
  store i64 8, ptr %p8, align 8
  %p9 = getelementptr inbounds i8, ptr %a, i64 72
  store i64 9, ptr %p9, align 8
  %p10 = getelementptr inbounds i8, ptr %a, i64 80
  store i64 10, ptr %p10, align 8
  %p11 = getelementptr inbounds i8, ptr %a, i64 88
  store i64 11, ptr %p11, align 8
  %p12 = getelementptr inbounds i8, ptr %a, i64 96
  store i64 12, ptr %p12, align 8
  %p13 = getelementptr inbounds i8, ptr %a, i64 104
  store i64 13, ptr %p13, align 8
  %p14 = getelementptr inbounds i8, ptr %a, i64 112
  store i64 14, ptr %p14, align 8
  %p15 = getelementptr inbounds i8, ptr %a, i64 120
  store i64 15, ptr %p15, align 8
  %p16 = getelementptr inbounds i8, ptr %a, i64 128
  store i64 16, ptr %p16, align 8
  %p17 = getelementptr inbounds i8, ptr %a, i64 136
  store i64 17, ptr %p17, align 8
  %p18 = getelementptr inbounds i8, ptr %a, i64 144
  store i64 18, ptr %p18, align 8
  %p19 = getelementptr inbounds i8, ptr %a, i64 152
  store i64 19, ptr %p19, align 8
  %p20 = getelementptr inbounds i8, ptr %a, i64 160
  store i64 20, ptr %p20, align 8
  %p21 = getelementptr inbounds i8, ptr %a, i64 168
  store i64 21, ptr %p21, align 8
  %p22 = getelementptr inbounds i8, ptr %a, i64 176
  store i64 22, ptr %p22, align 8
  %p23 = getelementptr inbounds i8, ptr %a, i64 184
  store i64 23, ptr %p23, align 8
  %p24 = getelementptr inbounds i8, ptr %a, i64 192
  store i64 24, ptr %p24, align 8
  %p25 = getelementptr inbounds i8, ptr %a, i64 200
  store i64 25, ptr %p25, align 8
  %p26 = getelementptr inbounds i8, ptr %a, i64 208
  store i64 26, ptr %p26, align 8
  %p27 = getelementptr inbounds i8, ptr %a, i64 216
  store i64 27, ptr %p27, align 8
  %p28 = getelementptr inbounds i8, ptr %a, i64 224
  store i64 28, ptr %p28, align 8
  %p29 = getelementptr inbounds i8, ptr %a, i64 232
  store i64 29, ptr %p29, align 8
  %p30 = getelementptr inbounds i8, ptr %a, i64 240
  store i64 30, ptr %p30, align 8
  %p31 = getelementptr inbounds i8, ptr %a, i64 248
  store i64 31, ptr %p31, align 8
  %p32 = getelementptr inbounds i8, ptr %a, i64 256
  store i64 32, ptr %p32, align 8
  %p33 = getelementptr inbounds i8, ptr %a, i64 264
  store i64 33, ptr %p33, align 8
  %p34 = getelementptr inbounds i8, ptr %a, i64 272
  store i64 34, ptr %p34, align 8
  %p35 = getelementptr inbounds i8, ptr %a, i64 280
  store i64 35, ptr %p35, align 8
  %p36 = getelementptr inbounds i8, ptr %a, i64 288
  store i64 36, ptr %p36, align 8
  %p37 = getelementptr inbounds i8, ptr %a, i64 296
  store i64 37, ptr %p37, align 8
  %p38 = getelementptr inbounds i8, ptr %a, i64 304
  store i64 38, ptr %p38, align 8
  %p39 = getelementptr inbounds i8, ptr %a, i64 312
  store i64 39, ptr %p39, align 8
  %p40 = getelementptr inbounds i8, ptr %a, i64 320
  store i64 40, ptr %p40, align 8
  %p41 = getelementptr inbounds i8, ptr %a, i64 328
  store i64 41, ptr %p41, align 8
  %p42 = getelementptr inbounds i8, ptr %a, i64 336
  store i64 42, ptr %p42, align 8
  %p43 = getelementptr inbounds i8, ptr %a, i64 344
  store i64 43, ptr %p43, align 8
  %p44 = getelementptr inbounds i8, ptr %a, i64 352
  store i64 44, ptr %p44, align 8
  %p45 = getelementptr inbounds i8, ptr %a, i64 360
  store i64 45, ptr %p45, align 8
  %p46 = getelementptr inbounds i8, ptr %a, i64 368
  store i64 46, ptr %p46, align 8
  %p47 = getelementptr inbounds i8, ptr %a, i64 376
  store i64 47, ptr %p47, align 8
  %p48 = getelementptr inbounds i8, ptr %a, i64 384
  store i64 48, ptr %p48, align 8
  %p49 = getelementptr inbounds i8, ptr %a, i64 392
  store i64 49, ptr %p49, align 8
  %p50 = getelementptr inbounds i8, ptr %a, i64 400
  store i64 50, ptr %p50, align 8
  %p51 = getelementptr inbounds i8, ptr %a, i64 408
  store i64 51, ptr %p51, align 8
  %p52 = getelementptr inbounds i8, ptr %a, i64 416
  store i64 52, ptr %p52, align 8
  %p53 = getelementptr inbounds i8, ptr %a, i64 424
  store i64 53, ptr %p53, align 8
  %p54 = getelementptr inbounds i8, ptr %a, i64 432
  store i64 54, ptr %p54, align 8
  %p55 = getelementptr inbounds i8, ptr %a, i64 440
  store i64 55, ptr %p55, align 8
  %p56 = getelementptr inbounds i8, ptr %a, i64 448
  store i64 56, ptr %p56, align 8
  %p57 = getelementptr inbounds i8, ptr %a, i64 456
  store i64 57, ptr %p57, align 8
  %p58 = getelementptr inbounds i8, ptr %a, i64 464
  store i64 58, ptr %p58, align 8
  %p59 = getelementptr inbounds i8, ptr %a, i64 472
  store i64 59, ptr %p59, align 8
  %p60 = getelementptr inbounds i8, ptr %a, i64 480
  store i64 60, ptr %p60, align 8
  %p61 = getelementptr inbounds i8, ptr %a, i64 488
  store i64 61, ptr %p61, align 8
  %p62 = getelementptr inbounds i8, ptr %a, i64 496
  store i64 62, ptr %p62, align 8
  %p63 = getelementptr inbounds i8, ptr %a, i64 504
  store i64 63, ptr %p63, align 8
  %p64 = getelementptr inbounds i8, ptr %a, i64 512
  store i64 64, ptr %p64, align 8
  %p65 = getelementptr inbounds i8, ptr %a, i64 520
  store i64 65, ptr %p65, align 8
  %p66 = getelementptr inbounds i8, ptr %a, i64 528
  store i64 66, ptr %p66, align 8
  %p67 = getelementptr inbounds i8, ptr %a, i64 536
  store i64 67, ptr %p67, align 8
  %p68 = getelementptr inbounds i8, ptr %a, i64 544
  store i64 68, ptr %p68, align 8
  %p69 = getelementptr inbounds i8, ptr %a, i64 552
  store i64 69, ptr %p69, align 8
  %p70 = getelementptr inbounds i8, ptr %a, i64 560
  store i64 70, ptr %p70, align 8
  %p71 = getelementptr inbounds i8, ptr %a, i64 568
  store i64 71, ptr %p71, align 8
  %p72 = getelementptr inbounds i8, ptr %a, i64 576
  store i64 72, ptr %p72, align 8
  %p73 = getelementptr inbounds i8, ptr %a, i64 584
  store i64 73, ptr %p73, align 8
  %p74 = getelementptr inbounds i8, ptr %a, i64 592
  store i64 74, ptr %p74, align 8
  %p75 = getelementptr inbounds i8, ptr %a, i64 600
  store i64 75, ptr %p75, align 8
  %p76 = getelementptr inbounds i8, ptr %a, i64 608
  store i64 76, ptr %p76, align 8
  %p77 = getelementptr inbounds i8, ptr %a, i64 616
  store i64 77, ptr %p77, align 8
  %p78 = getelementptr inbounds i8, ptr %a, i64 624
  store i64 78, ptr %p78, align 8
  %p79 = getelementptr inbounds i8, ptr %a, i64 632
  store i64 79, ptr %p79, align 8
  %p80 = getelementptr inbounds i8, ptr %a, i64 640
  store i64 80, ptr %p80, align 8
  %p81 = getelementptr inbounds i8, ptr %a, i64 648
  store i64 81, ptr %p81, align 8
  %p82 = getelementptr inbounds i8, ptr %a, i64 656
  store i64 82, ptr %p82, align 8
  %p83 = getelementptr inbounds i8, ptr %a, i64 664
  store i64 83, ptr %p83, align 8
  %p84 = getelementptr inbounds i8, ptr %a, i64 672
  store i64 84, ptr %p84, align 8
  %p85 = getelementptr inbounds i8, ptr %a, i64 680
  store i64 85, ptr %p85, align 8
  %p86 = getelementptr inbounds i8, ptr %a, i64 688
  store i64 86, ptr %p86, align 8
  %p87 = getelementptr inbounds i8, ptr %a, i64 696
  store i64 87, ptr %p87, align 8
  %p88 = getelementptr inbounds i8, ptr %a, i64 704
  store i64 88, ptr %p88, align 8
  %p89 = getelementptr inbounds i8, ptr %a, i64 712
  store i64 89, ptr %p89, align 8
  %p90 = getelementptr inbounds i8, ptr %a, i64 720
  store i64 90, ptr %p90, align 8
  %p91 = getelementptr inbounds i8, ptr %a, i64 728
  store i64 91, ptr %p91, align 8
  %p92 = getelementptr inbounds i8, ptr %a, i64 736
  store i64 92, ptr %p92, align 8
  %p93 = getelementptr inbounds i8, ptr %a, i64 744
  store i64 93, ptr %p93, align 8
  %p94 = getelementptr inbounds i8, ptr %a, i64 752
  store i64 94, ptr %p94, align 8
  %p95 = getelementptr inbounds i8, ptr %a, i64 760
  store i64 95, ptr %p95, align 8
  %p96 = getelementptr inbounds i8, ptr %a, i64 768
  store i64 96, ptr %p96, align 8
  %p97 = getelementptr inbounds i8, ptr %a, i64 776
  store i64 97, ptr %p97, align 8
  %p98 = getelementptr inbounds i8, ptr %a, i64 784
  store i64 98, ptr %p98, align 8
  %p99 = getelementptr inbounds i8, ptr %a, i64 792
  store i64 99, ptr %p99, align 8
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  %q0 = getelementptr inbounds i8, ptr %a, i64 0
  %v0 = load i64, ptr %q0, align 8
  call void @use(i64 %v0)
  %q1 = getelementptr inbounds i8, ptr %a, i64 8
  %v1 = load i64, ptr %q1, align 8
  call void @use(i64 %v1)
  %q2 = getelementptr inbounds i8, ptr %a, i64 16
  %v2 = load i64, ptr %q2, align 8
  call void @use(i64 %v2)
  %q3 = getelementptr inbounds i8, ptr %a, i64 24
  %v3 = load i64, ptr %q3, align 8
  call void @use(i64 %v3)
  %q4 = getelementptr inbounds i8, ptr %a, i64 32
  %v4 = load i64, ptr %q4, align 8
  call void @use(i64 %v4)
  %q5 = getelementptr inbounds i8, ptr %a, i64 40
  %v5 = load i64, ptr %q5, align 8
  call void @use(i64 %v5)
  %q6 = getelementptr inbounds i8, ptr %a, i64 48
  %v6 = load i64, ptr %q6, align 8
  call void @use(i64 %v6)
  %q7 = getelementptr inbounds i8, ptr %a, i64 56
  %v7 = load i64, ptr %q7, align 8
  call void @use(i64 %v7)
  %q8 = getelementptr inbounds i8, ptr %a, i64 64
  %v8 = load i64, ptr %q8, align 8
  call void @use(i64 %v8)
  %q9 = getelementptr inbounds i8, ptr %a, i64 72
  %v9 = load i64, ptr %q9, align 8
  call void @use(i64 %v9)
  %q10 = getelementptr inbounds i8, ptr %a, i64 80
  %v10 = load i64, ptr %q10, align 8
  call void @use(i64 %v10)
  %q11 = getelementptr inbounds i8, ptr %a, i64 88
  %v11 = load i64, ptr %q11, align 8
  call void @use(i64 %v11)
  %q12 = getelementptr inbounds i8, ptr %a, i64 96
  %v12 = load i64, ptr %q12, align 8
  call void @use(i64 %v12)
  %q13 = getelementptr inbounds i8, ptr %a, i64 104
  %v13 = load i64, ptr %q13, align 8
  call void @use(i64 %v13)
  %q14 = getelementptr inbounds i8, ptr %a, i64 112
  %v14 = load i64, ptr %q14, align 8
  call void @use(i64 %v14)
  %q15 = getelementptr inbounds i8, ptr %a, i64 120
  %v15 = load i64, ptr %q15, align 8
  call void @use(i64 %v15)
  %q16 = getelementptr inbounds i8, ptr %a, i64 128
  %v16 = load i64, ptr %q16, align 8
  call void @use(i64 %v16)
  %q17 = getelementptr inbounds i8, ptr %a, i64 136
  %v17 = load i64, ptr %q17, align 8
  call void @use(i64 %v17)
  %q18 = getelementptr inbounds i8, ptr %a, i64 144
  %v18 = load i64, ptr %q18, align 8
  call void @use(i64 %v18)
  %q19 = getelementptr inbounds i8, ptr %a, i64 152
  %v19 = load i64, ptr %q19, align 8
  call void @use(i64 %v19)
  %q20 = getelementptr inbounds i8, ptr %a, i64 160
  %v20 = load i64, ptr %q20, align 8
  call void @use(i64 %v20)
  %q21 = getelementptr inbounds i8, ptr %a, i64 168
  %v21 = load i64, ptr %q21, align 8
  call void @use(i64 %v21)
  %q22 = getelementptr inbounds i8, ptr %a, i64 176
  %v22 = load i64, ptr %q22, align 8
  call void @use(i64 %v22)
  %q23 = getelementptr inbounds i8, ptr %a, i64 184
  %v23 = load i64, ptr %q23, align 8
  call void @use(i64 %v23)
  %q24 = getelementptr inbounds i8, ptr %a, i64 192
  %v24 = load i64, ptr %q24, align 8
  call void @use(i64 %v24)
  %q25 = getelementptr inbounds i8, ptr %a, i64 200
  %v25 = load i64, ptr %q25, align 8
  call void @use(i64 %v25)
  %q26 = getelementptr inbounds i8, ptr %a, i64 208
  %v26 = load i64, ptr %q26, align 8
  call void @use(i64 %v26)
  %q27 = getelementptr inbounds i8, ptr %a, i64 216
  %v27 = load i64, ptr %q27, align 8
  call void @use(i64 %v27)
  %q28 = getelementptr inbounds i8, ptr %a, i64 224
  %v28 = load i64, ptr %q28, align 8
  call void @use(i64 %v28)
  %q29 = getelementptr inbounds i8, ptr %a, i64 232
  %v29 = load i64, ptr %q29, align 8
  call void @use(i64 %v29)
  %q30 = getelementptr inbounds i8, ptr %a, i64 240
  %v30 = load i64, ptr %q30, align 8
  call void @use(i64 %v30)
  %q31 = getelementptr inbounds i8, ptr %a, i64 248
  %v31 = load i64, ptr %q31, align 8
  call void @use(i64 %v31)
  %q32 = getelementptr inbounds i8, ptr %a, i64 256
  %v32 = load i64, ptr %q32, align 8
  call void @use(i64 %v32)
  %q33 = getelementptr inbounds i8, ptr %a, i64 264
  %v33 = load i64, ptr %q33, align 8
  call void @use(i64 %v33)
  %q34 = getelementptr inbounds i8, ptr %a, i64 272
  %v34 = load i64, ptr %q34, align 8
  call void @use(i64 %v34)
  %q35 = getelementptr inbounds i8, ptr %a, i64 280
  %v35 = load i64, ptr %q35, align 8
  call void @use(i64 %v35)
  %q36 = getelementptr inbounds i8, ptr %a, i64 288
  %v36 = load i64, ptr %q36, align 8
  call void @use(i64 %v36)
  %q37 = getelementptr inbounds i8, ptr %a, i64 296
  %v37 = load i64, ptr %q37, align 8
  call void @use(i64 %v37)
  %q38 = getelementptr inbounds i8, ptr %a, i64 304
  %v38 = load i64, ptr %q38, align 8
  call void @use(i64 %v38)
  %q39 = getelementptr inbounds i8, ptr %a, i64 312
  %v39 = load i64, ptr %q39, align 8
  call void @use(i64 %v39)
  %q40 = getelementptr inbounds i8, ptr %a, i64 320
  %v40 = load i64, ptr %q40, align 8
  call void @use(i64 %v40)
  %q41 = getelementptr inbounds i8, ptr %a, i64 328
  %v41 = load i64, ptr %q41, align 8
  call void @use(i64 %v41)
  %q42 = getelementptr inbounds i8, ptr %a, i64 336
  %v42 = load i64, ptr %q42, align 8
  call void @use(i64 %v42)
  %q43 = getelementptr inbounds i8, ptr %a, i64 344
  %v43 = load i64, ptr %q43, align 8
  call void @use(i64 %v43)
  %q44 = getelementptr inbounds i8, ptr %a, i64 352
  %v44 = load i64, ptr %q44, align 8
  call void @use(i64 %v44)
  %q45 = getelementptr inbounds i8, ptr %a, i64 360
  %v45 = load i64, ptr %q45, align 8
  call void @use(i64 %v45)
  %q46 = getelementptr inbounds i8, ptr %a, i64 368
  %v46 = load i64, ptr %q46, align 8
  call void @use(i64 %v46)
  %q47 = getelementptr inbounds i8, ptr %a, i64 376
  %v47 = load i64, ptr %q47, align 8
  call void @use(i64 %v47)
  %q48 = getelementptr inbounds i8, ptr %a, i64 384
  %v48 = load i64, ptr %q48, align 8
  call void @use(i64 %v48)
  %q49 = getelementptr inbounds i8, ptr %a, i64 392
  %v49 = load i64, ptr %q49, align 8
  call void @use(i64 %v49)
  %q50 = getelementptr inbounds i8, ptr %a, i64 400
  %v50 = load i64, ptr %q50, align 8
  call void @use(i64 %v50)
  %q51 = getelementptr inbounds i8, ptr %a, i64 408
  %v51 = load i64, ptr %q51, align 8
  call void @use(i64 %v51)
  %q52 = getelementptr inbounds i8, ptr %a, i64 416
  %v52 = load i64, ptr %q52, align 8
  call void @use(i64 %v52)
  %q53 = getelementptr inbounds i8, ptr %a, i64 424
  %v53 = load i64, ptr %q53, align 8
  call void @use(i64 %v53)
  %q54 = getelementptr inbounds i8, ptr %a, i64 432
  %v54 = load i64, ptr %q54, align 8
  call void @use(i64 %v54)
  %q55 = getelementptr inbounds i8, ptr %a, i64 440
  %v55 = load i64, ptr %q55, align 8
  call void @use(i64 %v55)
  %q56 = getelementptr inbounds i8, ptr %a, i64 448
  %v56 = load i64, ptr %q56, align 8
  call void @use(i64 %v56)
  %q57 = getelementptr inbounds i8, ptr %a, i64 456
  %v57 = load i64, ptr %q57, align 8
  call void @use(i64 %v57)
  %q58 = getelementptr inbounds i8, ptr %a, i64 464
  %v58 = load i64, ptr %q58, align 8
  call void @use(i64 %v58)
  %q59 = getelementptr inbounds i8, ptr %a, i64 472
  %v59 = load i64, ptr %q59, align 8
  call void @use(i64 %v59)
  %q60 = getelementptr inbounds i8, ptr %a, i64 480
  %v60 = load i64, ptr %q60, align 8
  call void @use(i64 %v60)
  %q61 = getelementptr inbounds i8, ptr %a, i64 488
  %v61 = load i64, ptr %q61, align 8
  call void @use(i64 %v61)
  %q62 = getelementptr inbounds i8, ptr %a, i64 496
  %v62 = load i64, ptr %q62, align 8
  call void @use(i64 %v62)
  %q63 = getelementptr inbounds i8, ptr %a, i64 504
  %v63 = load i64, ptr %q63, align 8
  call void @use(i64 %v63)
  %q64 = getelementptr inbounds i8, ptr %a, i64 512
  %v64 = load i64, ptr %q64, align 8
  call void @use(i64 %v64)
  %q65 = getelementptr inbounds i8, ptr %a, i64 520
  %v65 = load i64, ptr %q65, align 8
  call void @use(i64 %v65)
  %q66 = getelementptr inbounds i8, ptr %a, i64 528
  %v66 = load i64, ptr %q66, align 8
  call void @use(i64 %v66)
  %q67 = getelementptr inbounds i8, ptr %a, i64 536
  %v67 = load i64, ptr %q67, align 8
  call void @use(i64 %v67)
  %q68 = getelementptr inbounds i8, ptr %a, i64 544
  %v68 = load i64, ptr %q68, align 8
  call void @use(i64 %v68)
  %q69 = getelementptr inbounds i8, ptr %a, i64 552
  %v69 = load i64, ptr %q69, align 8
  call void @use(i64 %v69)
  %q70 = getelementptr inbounds i8, ptr %a, i64 560
  %v70 = load i64, ptr %q70, align 8
  call void @use(i64 %v70)
  %q71 = getelementptr inbounds i8, ptr %a, i64 568
  %v71 = load i64, ptr %q71, align 8
  call void @use(i64 %v71)
  %q72 = getelementptr inbounds i8, ptr %a, i64 576
  %v72 = load i64, ptr %q72, align 8
  call void @use(i64 %v72)
  %q73 = getelementptr inbounds i8, ptr %a, i64 584
  %v73 = load i64, ptr %q73, align 8
  call void @use(i64 %v73)
  %q74 = getelementptr inbounds i8, ptr %a, i64 592
  %v74 = load i64, ptr %q74, align 8
  call void @use(i64 %v74)
  %q75 = getelementptr inbounds i8, ptr %a, i64 600
  %v75 = load i64, ptr %q75, align 8
  call void @use(i64 %v75)
  %q76 = getelementptr inbounds i8, ptr %a, i64 608
  %v76 = load i64, ptr %q76, align 8
  call void @use(i64 %v76)
  %q77 = getelementptr inbounds i8, ptr %a, i64 616
  %v77 = load i64, ptr %q77, align 8
  call void @use(i64 %v77)
  %q78 = getelementptr inbounds i8, ptr %a, i64 624
  %v78 = load i64, ptr %q78, align 8
  call void @use(i64 %v78)
  %q79 = getelementptr inbounds i8, ptr %a, i64 632
  %v79 = load i64, ptr %q79, align 8
  call void @use(i64 %v79)
  %q80 = getelementptr inbounds i8, ptr %a, i64 640
  %v80 = load i64, ptr %q80, align 8
  call void @use(i64 %v80)
  %q81 = getelementptr inbounds i8, ptr %a, i64 648
  %v81 = load i64, ptr %q81, align 8
  call void @use(i64 %v81)
  %q82 = getelementptr inbounds i8, ptr %a, i64 656
  %v82 = load i64, ptr %q82, align 8
  call void @use(i64 %v82)
  %q83 = getelementptr inbounds i8, ptr %a, i64 664
  %v83 = load i64, ptr %q83, align 8
  call void @use(i64 %v83)
  %q84 = getelementptr inbounds i8, ptr %a, i64 672
  %v84 = load i64, ptr %q84, align 8
  call void @use(i64 %v84)
  %q85 = getelementptr inbounds i8, ptr %a, i64 680
  %v85 = load i64, ptr %q85, align 8
  call void @use(i64 %v85)
  %q86 = getelementptr inbounds i8, ptr %a, i64 688
  %v86 = load i64, ptr %q86, align 8
  call void @use(i64 %v86)
  %q87 = getelementptr inbounds i8, ptr %a, i64 696
  %v87 = load i64, ptr %q87, align 8
  call void @use(i64 %v87)
  %q88 = getelementptr inbounds i8, ptr %a, i64 704
  %v88 = load i64, ptr %q88, align 8
  call void @use(i64 %v88)
  %q89 = getelementptr inbounds i8, ptr %a, i64 712
  %v89 = load i64, ptr %q89, align 8
  call void @use(i64 %v89)
  %q90 = getelementptr inbounds i8, ptr %a, i64 720
  %v90 = load i64, ptr %q90, align 8
  call void @use(i64 %v90)
  %q91 = getelementptr inbounds i8, ptr %a, i64 728
  %v91 = load i64, ptr %q91, align 8
  call void @use(i64 %v91)
  %q92 = getelementptr inbounds i8, ptr %a, i64 736
  %v92 = load i64, ptr %q92, align 8
  call void @use(i64 %v92)
  %q93 = getelementptr inbounds i8, ptr %a, i64 744
  %v93 = load i64, ptr %q93, align 8
  call void @use(i64 %v93)
  %q94 = getelementptr inbounds i8, ptr %a, i64 752
  %v94 = load i64, ptr %q94, align 8
  call void @use(i64 %v94)
  %q95 = getelementptr inbounds i8, ptr %a, i64 760
  %v95 = load i64, ptr %q95, align 8
  call void @use(i64 %v95)
  %q96 = getelementptr inbounds i8, ptr %a, i64 768
  %v96 = load i64, ptr %q96, align 8
  call void @use(i64 %v96)
  %q97 = getelementptr inbounds i8, ptr %a, i64 776
  %v97 = load i64, ptr %q97, align 8
  call void @use(i64 %v97)
  %q98 = getelementptr inbounds i8, ptr %a, i64 784
  %v98 = load i64, ptr %q98, align 8
  call void @use(i64 %v98)
  %q99 = getelementptr inbounds i8, ptr %a, i64 792
  %v99 = load i64, ptr %q99, align 8
  call void @use(i64 %v99)
  br label %cleanup
cleanup:
  call void @llvm.lifetime.end.p0(ptr %a)
  %mem2 = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %mem2)
  br label %ret
ret:
  call void @llvm.coro.end(ptr %hdl, i1 false, token none)
  ret ptr %hdl
}

declare void @use(i64)
declare ptr @malloc(i64)
declare void @free(ptr)
declare token @llvm.coro.id(i32, ptr, ptr, ptr)
declare i64 @llvm.coro.size.i64()
declare ptr @llvm.coro.begin(token, ptr)
declare token @llvm.coro.save(ptr)
declare i8 @llvm.coro.suspend(token, i1)
declare ptr @llvm.coro.free(token, ptr)
declare void @llvm.coro.end(ptr, i1, token)
declare void @llvm.lifetime.start.p0(ptr)
declare void @llvm.lifetime.end.p0(ptr)
