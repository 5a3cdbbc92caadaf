"""Process workers for the notebooks' multi-process tests (not part of the `medvlp_nb` package).

Why this file exists: `torch.multiprocessing` with the 'spawn' start method starts a fresh interpreter
per rank and unpickles the worker *by module name*, so a worker defined in a notebook cell (module
`__main__` of the test kernel) cannot be found by the children. The workers used to be exported into
the library modules for that reason; test code must not live in library modules (it also made
`medvlp_nb.training` import `medvlp_nb.methods.adaptor`, an import circle). So they live here, next to
the notebooks, as a plain module.

Use from a notebook test cell: `from _test_workers import _ddp_check_worker`. No `sys.path` set-up is
needed: nbdev-test (execnb's `CaptureShell`) puts the notebook's folder on `sys.path` and runs it with that
folder as the working directory, and a Jupyter kernel has '' (the cwd, `nbs/`) on it; 'spawn' children
get the parent's `sys.path` and cwd, so they import this module by name too.

Library imports are inside the workers, so that a spawned child only imports what its worker needs
(`medvlp_nb.training` pulls in fastai, seconds per process).
"""
from __future__ import annotations
import os
from pathlib import Path
import torch

__all__ = ['_ddp_check_worker', '_shard_check_worker', '_pairs_learner', '_ddp_fit_worker']


# used by nbs/04_losses.ipynb ("Two processes: gathering and centring across ranks")
def _ddp_check_worker(rank:int, world_size:int, folder:str):
    "Run InfoNCE and DINO centring on this rank's rows of `folder/inputs.pt` (gloo on CPU) and save the results."
    import torch.distributed as dist
    from torch import nn
    from medvlp_nb.losses import InfoNCELoss, DINOLoss
    torch.set_num_threads(1)
    folder = Path(folder)
    dist.init_process_group('gloo', init_method=f"file://{folder/'store'}", rank=rank, world_size=world_size)
    try:
        d = torch.load(folder/'inputs.pt')
        b = len(d['x']) // world_size; rows = slice(rank * b, (rank + 1) * b)
        proj = nn.Linear(*d['proj.weight'].T.shape, bias=False); proj.weight.data.copy_(d['proj.weight'])
        crit = InfoNCELoss(alpha=d['alpha']); crit.logit_scale.data.fill_(d['logit_scale'])
        img = proj(d['x'][rows]); img.retain_grad()
        txt = d['txt'][rows].clone().requires_grad_()
        loss = crit(img, txt); loss.backward()
        local_weight_grad = proj.weight.grad.clone()
        dist.all_reduce(proj.weight.grad); proj.weight.grad /= world_size  # what DDP does with parameter grads
        dino = DINOLoss(d['teacher'].shape[-1]); dino.update_center(d['teacher'][rows])
        torch.save(dict(loss=loss.detach(), img_grad=img.grad, txt_grad=txt.grad, scale_grad=crit.logit_scale.grad,
                        local_weight_grad=local_weight_grad, weight_grad=proj.weight.grad, center=dino.center),
                   folder/f'rank{rank}.pt')
    finally: dist.destroy_process_group()


# used by nbs/03a_models.cache.ipynb (two processes precompute one sharded cache)
def _shard_check_worker(rank:int, world:int, folder:str):
    "Precompute `folder/inputs.pt` (encoder, tensors) as rank `rank` of `world` gloo processes; record what it did."
    import warnings
    from torch.utils.data import TensorDataset
    from medvlp_nb.core import save_json
    from medvlp_nb.models.cache import precompute_embeddings
    torch.set_num_threads(1)
    folder = Path(folder); d = torch.load(folder/'inputs.pt', weights_only=False)
    torch.distributed.init_process_group('gloo', init_method=f"file://{folder/'store'}", rank=rank, world_size=world)
    try:
        seen = []; d['encoder'].register_forward_hook(lambda m, i, o: seen.append(len(i[0])))
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')   # no manifest: keyed on sampled items
            c = precompute_embeddings(d['encoder'], None, TensorDataset(*d['tensors']), folder/'cache', bs=4,
                                      shard_size=4, dtype='float32', progress=False)
        save_json(dict(rows=sum(seen), complete=c.is_complete(), path=str(c.path)), folder/f'rank{rank}.json')
    finally: torch.distributed.destroy_process_group()


# used by nbs/06b_training.fit.ipynb ("Two processes match one")
def _pairs_learner(d:dict, world:int):
    "An Adaptor learner on the pairs `d['img']`, `d['txt']` with per-rank batch len/world (no dropout: ranks agree)."
    from medvlp_nb.methods.adaptor import adaptor_learner, AdaptorConfig
    from medvlp_nb.data.datasets import make_dataloaders
    n = len(d['img']); ds = list(zip(d['img'], d['txt'], torch.arange(n)))
    dls = make_dataloaders(ds, ds, bs=n // world, n_inp=2, device='cpu', drop_last=True)
    torch.manual_seed(0)
    return adaptor_learner(dls, AdaptorConfig(**d['config']))


def _ddp_fit_worker(rank:int, world:int, port:int, folder:str):
    "Fit one epoch on `folder/inputs.pt` as rank `rank` of `world` CPU processes (gloo) and save the result."
    import torch.distributed as dist
    from medvlp_nb.training import fit_resumable
    os.environ.update(RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE=str(world), MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
    torch.set_num_threads(1)
    d = torch.load(Path(folder)/'inputs.pt')
    learn = fit_resumable(_pairs_learner(d, world), 1, d['lr'], distributed=True)
    torch.save(dict(model=learn.model.state_dict(), temp=learn.loss_func.logit_scale.detach(), world=dist.get_world_size()),
               Path(folder)/f'rank{rank}.pt')
