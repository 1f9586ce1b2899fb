; What pack mode does to a pre-split coroutine (the `coro-pack` pass of the
; plugin, as the hook applies it right before coro-split): %a and %b are live
; across the first suspend only, %c across the second only; %buf (a marked
; alloca live at the second suspend) takes the bytes of %a and %b. Values
; whose bytes something else reuses (%a, %b) are stored before each
; coro.save where they are live; a value with bytes of its own (%c) is
; stored once, right after its definition, as stock LLVM spills. Both are
; reloaded after the save and after the suspend; uses after the suspend
; read the reload; %sum (an add, which stock LLVM rematerializes) is
; recomputed, next to its use.
;
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -S -o - | FileCheck %s
; Idempotent: a second run changes nothing.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack' %s -S -o %t.once.ll
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %t.once.ll -S -o %t.twice.ll
; RUN: tail -n +2 %t.once.ll > %t.a
; RUN: tail -n +2 %t.twice.ll > %t.b
; RUN: diff %t.a %t.b
; The level the split will run at is a parameter (O2 when not given); any
; other parameter is not this pass.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack<O0>,verify' %s -S -o - | FileCheck %s --check-prefix=LEVEL
; RUN: env COROPACK_MODE=pack not %opt -load-pass-plugin=%plugin -passes='coro-pack<O4>' %s -disable-output 2>&1 | FileCheck %s --check-prefix=BADLEVEL
; LEVEL:       %coropack.region = alloca
; BADLEVEL:    unknown pass name 'coro-pack<O4>'
; LLVM's split of the rewritten coroutine: one region field, no spills of
; %a, %b, %c; the frame is the 48 bytes the report plans, not stock's 64.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='function(coro-pack),cgscc(coro-split),verify' %s -S -o - | FileCheck %s --check-prefix=SPLIT
; RUN: %opt -passes='cgscc(coro-split)' %s -S -o - | FileCheck %s --check-prefix=STOCK
; RUN: %coropack report --mode pack %s --input presplit --format json | FileCheck %s --check-prefix=REPORT

; CHECK-LABEL: define ptr @_Z4packl(
; CHECK:       %coropack.region = alloca [24 x i8], align 8
; CHECK:       %a = call i64 @produce(i64 1)
; CHECK:       %b = call i64 @produce(i64 2)
; CHECK:       %a.slot = getelementptr inbounds i8, ptr %coropack.region, i64 [[AOFF:[0-9]+]]
; CHECK-NEXT:  store i64 %a, ptr %a.slot, align 8
; CHECK-NEXT:  %b.slot = getelementptr inbounds i8, ptr %coropack.region, i64 [[BOFF:[0-9]+]]
; CHECK-NEXT:  store i64 %b, ptr %b.slot, align 8
; CHECK-NEXT:  %save0 = call token @llvm.coro.save(ptr null)
; CHECK:       %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
; CHECK-NEXT:  %a.slot{{[0-9]+}} = getelementptr inbounds i8, ptr %coropack.region, i64 [[AOFF]]
; CHECK-NEXT:  [[AR:%a.reload[0-9]+]] = load i64, ptr %a.slot{{[0-9]+}}, align 8
; CHECK-NEXT:  %b.slot{{[0-9]+}} = getelementptr inbounds i8, ptr %coropack.region, i64 [[BOFF]]
; CHECK-NEXT:  [[BR:%b.reload[0-9]+]] = load i64, ptr %b.slot{{[0-9]+}}, align 8
; CHECK-NEXT:  switch i8 %s0
; The reloads of %a and %b stay where they are (%buf shares their bytes and
; might be written in between); the recomputed %sum moves down to its use.
; CHECK-LABEL: r0:
; CHECK-NEXT:  [[SUM:%sum.remat[0-9]+]] = add i64 [[AR]], [[BR]]
; CHECK-NEXT:  call void @consume(i64 [[SUM]])
; CHECK-NEXT:  %c = call i64 @produce(i64 3)
; CHECK-NEXT:  %c.slot = getelementptr inbounds i8, ptr %coropack.region, i64 [[COFF:[0-9]+]]
; CHECK-NEXT:  store i64 %c, ptr %c.slot, align 8
; CHECK-NEXT:  %buf.slot{{[0-9]*}} = getelementptr inbounds i8, ptr %coropack.region, i64 [[BUF:[0-9]+]]
; CHECK-NEXT:  call void @fill(ptr %buf.slot{{[0-9]*}})
; CHECK-NEXT:  %save1 = call token @llvm.coro.save(ptr null)
; The reload of %c (whose bytes are its own) moves down to its use.
; CHECK:       %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
; CHECK-LABEL: r1:
; CHECK-NEXT:  %c.slot{{[0-9]+}} = getelementptr inbounds i8, ptr %coropack.region, i64 [[COFF]]
; CHECK-NEXT:  [[CR:%c.reload[0-9]+]] = load i64, ptr %c.slot{{[0-9]+}}, align 8
; CHECK-NEXT:  call void @consume(i64 [[CR]])
; Lifetime markers of region allocas are gone.
; CHECK-NOT:   call void @llvm.lifetime
; CHECK:       attributes #{{[0-9]+}} = { presplitcoroutine "coropack-packed" }

; SPLIT: %_Z4packl.Frame = type { ptr, ptr, [24 x i8], i1 }
; SPLIT-NOT: spill.addr
; STOCK: %_Z4packl.Frame = type { ptr, ptr, [16 x i8], i64, i64, i64, i1 }

; REPORT: "lower_bound": 48,
; REPORT: "packed_size": 48,
; REPORT: "status": "packed",
; REPORT: "stock_size": 64,

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z4packl(i64 %n) presplitcoroutine {
entry:
  %buf = alloca [16 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z4packl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %a = call i64 @produce(i64 1)
  %b = call i64 @produce(i64 2)
  %sum = add i64 %a, %b
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  call void @consume(i64 %sum)
  %c = call i64 @produce(i64 3)
  call void @llvm.lifetime.start.p0(ptr %buf)
  call void @fill(ptr %buf)
  %save1 = call token @llvm.coro.save(ptr null)
  %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
  switch i8 %s1, label %ret [i8 0, label %r1
                             i8 1, label %d1]
r1:
  call void @consume(i64 %c)
  call void @fill(ptr %buf)
  call void @llvm.lifetime.end.p0(ptr %buf)
  br label %cleanup
d1:
  call void @llvm.lifetime.end.p0(ptr %buf)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

declare i64 @produce(i64)
declare void @consume(i64)
declare void @fill(ptr)
declare ptr @malloc(i64)
declare void @free(ptr)
declare token @llvm.coro.id(i32, ptr readnone, ptr readonly captures(none), ptr)
declare i64 @llvm.coro.size.i64()
declare ptr @llvm.coro.begin(token, ptr writeonly)
declare token @llvm.coro.save(ptr)
declare i8 @llvm.coro.suspend(token, i1)
declare ptr @llvm.coro.free(token, ptr readonly captures(none))
declare void @llvm.coro.end(ptr, i1, token)
