// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_region.c - the data region: its pages and how endpoints map them.
 *
 * Pages are allocated at creation, not at first touch, so that the memory
 * limits hold when the channel is made and the pages are charged to the
 * creator's memory cgroup, not to whichever peer faults first.
 *
 * Mappings are filled lazily by the fault handler rather than at mmap
 * time.  That is deliberate: revocation zaps the page tables of a mapping,
 * and the next fault is the place where access is decided again.
 *
 * Forward-only memory: the receiver's endpoint file is opened read-only,
 * so the mm core already refuses PROT_WRITE on a shared mapping of it;
 * here VM_MAYWRITE is also cleared so mprotect() cannot add write later,
 * and private mappings are refused for both roles, so there is no
 * copy-on-write route either.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "sipc_internal.h"

int sipc_region_alloc(struct sipc_region *r, u64 size)
{
	unsigned long i, n = size >> PAGE_SHIFT;

	r->pages = kvcalloc(n, sizeof(*r->pages), GFP_KERNEL_ACCOUNT);
	if (!r->pages)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		r->pages[i] = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO);
		if (!r->pages[i]) {
			r->nr_pages = i;
			sipc_region_free(r);
			return -ENOMEM;
		}
	}
	r->nr_pages = n;
	return 0;
}

void sipc_region_free(struct sipc_region *r)
{
	unsigned long i;

	for (i = 0; i < r->nr_pages; i++)
		__free_page(r->pages[i]);
	kvfree(r->pages);
	r->pages = NULL;
	r->nr_pages = 0;
}

static vm_fault_t sipc_region_fault(struct vm_fault *vmf)
{
	struct sipc_endpoint *ep = vmf->vma->vm_private_data;
	struct sipc_region *r = &ep->ch->region;
	struct page *page;

	if (vmf->pgoff >= r->nr_pages)
		return VM_FAULT_SIGBUS;
	page = r->pages[vmf->pgoff];
	get_page(page);
	vmf->page = page;
	return 0;
}

static const struct vm_operations_struct sipc_region_vm_ops = {
	.fault = sipc_region_fault,
};

/*
 * The VMA holds a reference on the endpoint file, so @ep, its channel and
 * the pages outlive every mapping without a count of their own.
 */
int sipc_region_mmap(struct sipc_endpoint *ep, struct vm_area_struct *vma)
{
	struct sipc_channel *ch = ep->ch;
	unsigned long pages = vma_pages(vma);
	bool destroyed;

	if (!(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	if (vma->vm_pgoff >= ch->region.nr_pages ||
	    pages > ch->region.nr_pages - vma->vm_pgoff)
		return -EINVAL;
	if (ep->role == SIPC_ROLE_RECEIVER) {
		if (vma->vm_flags & VM_WRITE)
			return -EACCES;
		vma->vm_flags &= ~VM_MAYWRITE;
	}
	spin_lock(&ch->lock);
	destroyed = ch->destroyed;
	spin_unlock(&ch->lock);
	if (destroyed)
		return -EIDRM;

	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
	vma->vm_private_data = ep;
	vma->vm_ops = &sipc_region_vm_ops;
	return 0;
}
